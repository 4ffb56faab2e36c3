import type { Retention } from '@eoffice/contract';

/** Stored as text: `permanent` or the years. */
export function retentionToText(retention: Retention): string {
  return retention === 'permanent' ? 'permanent' : String(retention);
}

export function retentionFromText(text: string): Retention {
  return text === 'permanent' ? 'permanent' : Number(text);
}

/** Phụ lục VI's Maintenance (String 30): "Vĩnh viễn" or "10 năm". */
export function maintenanceLabel(retention: Retention): string {
  return retention === 'permanent' ? 'Vĩnh viễn' : `${retention} năm`;
}

/** Điều 30: units hand over to the agency archive the files kept 5 years or more (and the permanent ones). */
export function mustBeHandedOver(retention: Retention): boolean {
  return retention === 'permanent' || retention >= 5;
}
