import { ACTOR_OPTIONS, STORE_OPTIONS, type Command } from '../command.js';
import { withServices } from '../store-options.js';

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Kiểm tra toàn vẹn nhật ký hệ thống / verify the hash-chained audit log',
  usage: 'audit verify --as USER [--data-dir DIR] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
  async run(context) {
    const report = await withServices(context, (client) => client.services.audit.verify({}));
    if (context.json) {
      context.io.stdout(`${JSON.stringify(report)}\n`);
    } else if (report.ok) {
      context.io.stdout(`Nhật ký toàn vẹn: ${report.entries} mục / audit chain intact (${report.entries} entries)\n`);
    }
    if (!report.ok && report.firstBroken) {
      context.io.stderr(`E_AUDIT_BROKEN: mục ${report.firstBroken.id}: ${report.firstBroken.reason}\n`);
    }
    return report.ok ? 0 : 1;
  },
};
