import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import type { AuditExportFormat } from '../api/AuditEvent';

interface AuditExportMenuProps {
  disabled: boolean;
  exporting: boolean;
  onExport: (format: AuditExportFormat) => void;
}

/** Downloads every event matching the applied filters (not just the loaded pages). */
export function AuditExportMenu({ disabled, exporting, onExport }: AuditExportMenuProps) {
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button disabled={disabled || exporting}>{exporting ? 'Exporting…' : 'Export'}</Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem onClick={() => onExport('jsonl')}>JSON Lines (.jsonl)</MenuItem>
          <MenuItem onClick={() => onExport('csv')}>CSV (.csv)</MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
