import { describe, expect, it } from 'vitest';
import {
  abaValid,
  cardNetwork,
  classifyPhone,
  ibanValid,
  ipv4Valid,
  ipv6Valid,
  itinValid,
  luhnValid,
  nhsChecksumValid,
  nhsRange,
  ninoValid,
  parseUkPostcode,
  ssnValid,
  tldValid,
  validOutwardCode,
  verhoeffValid,
} from '../src/index';

describe('Luhn and issuer prefixes', () => {
  it('accepts test card numbers and rejects a changed digit', () => {
    for (const c of ['4111111111111111', '5500005555555559', '378282246310005', '6011111111111117', '3530111333300000', '30569309025904']) expect(luhnValid(c)).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('0')).toBe(false);
  });
  it('names the network from the IIN and length', () => {
    expect(cardNetwork('4111111111111111')).toBe('visa');
    expect(cardNetwork('5500005555555559')).toBe('mastercard');
    expect(cardNetwork('2221000000000009')).toBe('mastercard');
    expect(cardNetwork('378282246310005')).toBe('amex');
    expect(cardNetwork('6011111111111117')).toBe('discover');
    expect(cardNetwork('3530111333300000')).toBe('jcb');
    expect(cardNetwork('30569309025904')).toBe('diners');
    expect(cardNetwork('9111111111111111')).toBeNull();
    expect(cardNetwork('37828224631000')).toBeNull(); // amex needs 15 digits
  });
});

describe('IBAN mod-97', () => {
  it('validates check digits and per-country length', () => {
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('GB83WEST12345698765432')).toBe(false);
    expect(ibanValid('GB82WEST1234569876543')).toBe(false); // too short for GB
    expect(ibanValid('XX82WEST12345698765432')).toBe(false);
  });
});

describe('NHS number mod-11 and ranges', () => {
  it('checks the mod-11 check digit', () => {
    expect(nhsChecksumValid('9434765919')).toBe(true);
    expect(nhsChecksumValid('4010232137')).toBe(true);
    expect(nhsChecksumValid('9434765918')).toBe(false);
    expect(nhsChecksumValid('123456789')).toBe(false);
  });
  it('rejects numbers whose check digit would be 10', () => {
    // weights 10..2 over 000000001 give sum 2 -> 11 - 2 = 9; search for a body with remainder 1 (check 10)
    let found = '';
    for (let i = 0; i < 100000 && !found; i++) {
      const body = String(400000000 + i);
      let sum = 0;
      for (let k = 0; k < 9; k++) sum += +body[k]! * (10 - k);
      if (11 - (sum % 11) === 10) found = body;
    }
    for (let d = 0; d <= 9; d++) expect(nhsChecksumValid(found + d)).toBe(false);
  });
  it('classifies issued, test and unissued ranges', () => {
    expect(nhsRange('4010232137')).toBe('england-wales');
    expect(nhsRange('6000000006')).toBe('england-wales');
    expect(nhsRange('3400000000')).toBe('northern-ireland');
    expect(nhsRange('9990000018')).toBe('test');
    expect(nhsRange('9434765919')).toBe('unissued');
    expect(nhsRange('0101801234')).toBe('scotland-chi'); // 01/01/80
    expect(nhsRange('3113801234')).toBe('unissued'); // 31/13 is no date
  });
});

describe('US SSN and ITIN', () => {
  it('applies area, group and serial rules', () => {
    expect(ssnValid('536225403')).toBe(true);
    expect(ssnValid('000225403')).toBe(false);
    expect(ssnValid('666225403')).toBe(false);
    expect(ssnValid('936225403')).toBe(false);
    expect(ssnValid('536005403')).toBe(false);
    expect(ssnValid('536220000')).toBe(false);
    expect(ssnValid('111111111')).toBe(false);
    expect(ssnValid('078051120')).toBe(false); // the Woolworth wallet card
    expect(ssnValid('123456789')).toBe(false);
  });
  it('recognises ITIN middle groups', () => {
    expect(itinValid('912781234')).toBe(true);
    expect(itinValid('912931234')).toBe(false);
    expect(itinValid('812781234')).toBe(false);
  });
});

describe('NINO prefixes', () => {
  it('applies the letter rules and banned prefixes', () => {
    expect(ninoValid('AB123456C')).toBe(true);
    expect(ninoValid('DA123456C')).toBe(false);
    expect(ninoValid('AO123456C')).toBe(false);
    expect(ninoValid('GB123456C')).toBe(false);
    expect(ninoValid('NK123456C')).toBe(false);
    expect(ninoValid('ZZ123456C')).toBe(false);
    expect(ninoValid('AB123456E')).toBe(false);
  });
});

describe('UK postcodes', () => {
  it('parses valid postcodes with known areas', () => {
    expect(parseUkPostcode('SW1A 1AA')).toEqual({ outward: 'SW1A', inward: '1AA', area: 'SW' });
    expect(parseUkPostcode('m1 1ae')?.outward).toBe('M1');
    expect(parseUkPostcode('LS14AP')?.outward).toBe('LS1');
    expect(parseUkPostcode('GIR 0AA')).not.toBeNull();
  });
  it('rejects unknown areas and bad inward letters', () => {
    expect(parseUkPostcode('QQ1 1AA')).toBeNull();
    expect(parseUkPostcode('LS1 4AC')).toBeNull(); // C is not used in the inward unit
    expect(parseUkPostcode('LS1 AAA')).toBeNull();
    expect(validOutwardCode('SW1A')).toBe(true);
    expect(validOutwardCode('TP53')).toBe(false);
  });
});

describe('phones, network addresses, TLDs, Verhoeff, ABA', () => {
  it('classifies UK and US numbers', () => {
    expect(classifyPhone('02079460018', false)?.region).toBe('GB');
    expect(classifyPhone('07700900123', false)?.region).toBe('GB');
    expect(classifyPhone('4420794600 18'.replace(' ', ''), true)?.region).toBe('GB');
    expect(classifyPhone('2125550123', false)?.region).toBe('US');
    expect(classifyPhone('12125550123', false)?.region).toBe('US');
    expect(classifyPhone('0207946001', false)).toBeNull(); // 020 needs 11 digits
    expect(classifyPhone('1125550123', false)).toBeNull(); // area code cannot start with 1
  });
  it('validates IP and TLD forms', () => {
    expect(ipv4Valid('192.168.1.20')).toBe(true);
    expect(ipv4Valid('256.1.1.1')).toBe(false);
    expect(ipv4Valid('01.1.1.1')).toBe(false);
    expect(ipv6Valid('2001:db8::1')).toBe(true);
    expect(ipv6Valid('fe80:0:0:0:200:f8ff:fe21:67cf')).toBe(true);
    expect(ipv6Valid('14:32:05')).toBe(false);
    expect(ipv6Valid('1::2::3')).toBe(false);
    expect(tldValid('uk')).toBe(true);
    expect(tldValid('com')).toBe(true);
    expect(tldValid('zzzz')).toBe(false);
  });
  it('checks Verhoeff (SNOMED CT) and ABA routing numbers', () => {
    expect(verhoeffValid('22298006')).toBe(true);
    expect(verhoeffValid('22298007')).toBe(false);
    expect(abaValid('011000015')).toBe(true);
    expect(abaValid('011000016')).toBe(false);
  });
});
