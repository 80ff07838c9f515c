import { useMemo } from 'react';

const commonZones = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

/** The zones to choose from: common ones first, then every zone the browser knows. */
export function allZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const supported = intl.supportedValuesOf?.('timeZone') ?? [];
  return [...new Set([...commonZones, ...supported])];
}

/** This browser's own time zone (what a new workspace starts in when the data says nothing). */
export function browserZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A select of IANA time zones; `value` is listed even when the browser does not list it. */
export function ZoneSelect({
  value,
  onChange,
  disabled,
  testId,
}: {
  value: string;
  onChange: (zone: string) => void;
  disabled?: boolean;
  testId: string;
}) {
  const zones = useMemo(() => allZones(), []);
  const shown = zones.includes(value) ? zones : [value, ...zones];
  return (
    <select value={value} disabled={disabled} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
      {shown.map((z) => (
        <option key={z} value={z}>
          {z}
        </option>
      ))}
    </select>
  );
}
