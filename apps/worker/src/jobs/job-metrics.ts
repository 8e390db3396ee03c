import { Injectable } from '@nestjs/common';

type Outcome = 'completed' | 'failed';

/** In-process job counters and durations, exposed on /metrics in Prometheus text format. */
@Injectable()
export class JobMetrics {
  private readonly counts = new Map<string, number>();
  private readonly seconds = new Map<string, number>();

  record(queue: string, name: string, outcome: Outcome, ms: number): void {
    const key = `queue="${queue}",job="${name}",outcome="${outcome}"`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.seconds.set(key, (this.seconds.get(key) ?? 0) + ms / 1000);
  }

  render(): string {
    const lines = ['# HELP cloister_jobs_total Jobs processed by outcome.', '# TYPE cloister_jobs_total counter'];
    for (const [k, v] of this.counts) lines.push(`cloister_jobs_total{${k}} ${v}`);
    lines.push('# HELP cloister_job_seconds_total Time spent in job handlers.', '# TYPE cloister_job_seconds_total counter');
    for (const [k, v] of this.seconds) lines.push(`cloister_job_seconds_total{${k}} ${v.toFixed(3)}`);
    return `${lines.join('\n')}\n`;
  }
}
