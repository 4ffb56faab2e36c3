import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';

export async function runAuditVerify(context: CommandContext): Promise<number> {
  const report = await withServices(context, (client) => client.services.audit.verify({}));
  if (context.json) {
    context.io.stdout(`${JSON.stringify(report)}\n`);
  } else if (report.ok) {
    context.io.stdout(`Nhật ký toàn vẹn: ${report.entries} mục / audit chain intact (${report.entries} entries)\n`);
    if (report.anchors) {
      const { anchoredFrom, count, lastId } = report.anchors;
      context.io.stdout(
        `Khớp ${count} neo, từ mục ${anchoredFrom} đến ${lastId ?? '—'} / matches ${count} anchors, entries ${anchoredFrom}…${lastId ?? '—'}\n`,
      );
    }
  }
  if (!report.ok && report.firstBroken) {
    context.io.stderr(`E_AUDIT_BROKEN: mục ${report.firstBroken.id}: ${report.firstBroken.reason}\n`);
  }
  if (report.anchors?.rewritableByApp) {
    // Said on every run, intact or not, until the DBA acts: the anchors protect only as far as their owner allows.
    context.io.stderr(
      'Cảnh báo: bảng neo audit_anchors vẫn thuộc vai trò CSDL của ứng dụng, hãy nhờ DBA giao cho vai trò riêng (README) / ' +
        "warning: the audit_anchors table is still the app's own database role's to rewrite; have the DBA hand it to a role of its own (README, \"Audit anchors on the server\")\n",
    );
  }
  return report.ok ? 0 : 1;
}
