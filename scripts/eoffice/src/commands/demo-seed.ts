import { DEFAULT_DEMO_PASSWORD, DEMO_AGENCY, DEMO_PEOPLE, discardInterruptedSeed, provinceProfile, seedDemo, seedProvinceProfile, systemClock } from '@eoffice/docs-core';
import { CliError, type CommandContext } from '../command.js';
import { demoArrivalSealer, demoDocumentSigner } from '../key-sources/demo-signer.js';
import { signingLibraryVerifier, workDirOf } from '@eoffice/host';
import { dataDirOf, withServices } from '../store-options.js';
import { stringOption } from './option-values.js';

function integerOption(text: string | undefined, name: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max) throw new CliError('E_INVALID_INPUT', `--${name} phải là số nguyên 0…${max} / --${name} must be an integer 0…${max}: ${text}`);
  return Number(text);
}

export async function runDemoSeed(context: CommandContext): Promise<number> {
  const profileName = stringOption(context.values, 'profile');
  const docs = integerOption(stringOption(context.values, 'docs'), 'docs', profileName === undefined ? 200 : provinceProfile(profileName).defaultDocs, 100_000);
  const seed = integerOption(stringOption(context.values, 'seed'), 'seed', 1, 2 ** 32 - 1);
  const passwordEnv = stringOption(context.values, 'password-env');
  let password = DEFAULT_DEMO_PASSWORD;
  if (passwordEnv !== undefined) {
    const value = context.io.env[passwordEnv];
    if (!value) throw new CliError('E_INVALID_INPUT', `Biến môi trường ${passwordEnv} trống / environment variable ${passwordEnv} is empty`);
    password = value;
  }
  // The seeding "now" is the app clock, so EOFFICE_NOW moves the whole demo in time.
  const until = systemClock(context.io.env).now();
  const leader = DEMO_PEOPLE.find((p) => p.roles.includes('leader'))!;
  if (await discardInterruptedSeed(dataDirOf(context))) {
    context.io.stderr('Đã bỏ dữ liệu mẫu nạp dở lần trước / discarded a demo seed that did not finish\n');
  }
  if (profileName !== undefined) return seedProfile(context, profileName, { docs, seed, password, until });
  const summary = await withServices(context, (_client, services) => {
    const signing = { workDir: workDirOf(services.store.dataDir) };
    const demo = demoDocumentSigner(leader.fullName, DEMO_AGENCY.name, until, signing);
    return seedDemo({
      store: services.store,
      docs,
      seed,
      password,
      until,
      workDir: workDirOf(services.store.dataDir),
      signer: demo.signer,
      signingCertificates: demo.certificates,
      // Axis arrivals carry their sender's seal (a demo key each), as the axis would deliver them.
      arrivalSealer: demoArrivalSealer(until, signing),
      verifier: signingLibraryVerifier(),
      onProgress: (done, total) => {
        if (!context.json && (done % 10 === 0 || done === total)) context.io.stderr(`… ${done}/${total} văn bản\n`);
      },
    });
  });
  if (context.json) {
    context.io.stdout(`${JSON.stringify({ ...summary, password })}\n`);
    return 0;
  }
  const lines = [
    `Đã nạp dữ liệu mẫu (DỮ LIỆU GIẢ LẬP) cho ${DEMO_AGENCY.name} (${summary.agency}): ${summary.endpoints} đầu mối, ${summary.documents} văn bản.`,
    ...Object.entries(summary.byDirectionYear).map(([key, n]) => `  ${key}: ${n}`),
    `Hồ sơ: ${summary.records.plans} danh mục hồ sơ đã duyệt; ${summary.records.files.open ?? 0} hồ sơ đang mở, ${summary.records.files.closed ?? 0} đã kết thúc`,
    `Người dùng: ${DEMO_PEOPLE.map((p) => `${p.username} (${p.roles.join(', ')})`).join(', ')}`,
    `Mật khẩu của các tài khoản mẫu / demo password: ${password}`,
  ];
  context.io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

/** `--profile`: a province-year whose dashboard reads like its report (seed-profile.ts), as imported records. */
async function seedProfile(context: CommandContext, profile: string, options: { docs: number; seed: number; password: string; until: Date }): Promise<number> {
  const summary = await withServices(context, (_client, services) => seedProvinceProfile({ store: services.store, profile, ...options }));
  if (context.json) {
    context.io.stdout(`${JSON.stringify({ ...summary, password: options.password })}\n`);
    return 0;
  }
  const lines = [
    `Đã nạp hồ sơ mẫu ${summary.profile} (DỮ LIỆU GIẢ LẬP) cho ${DEMO_AGENCY.name}: ${summary.endpoints} đầu mối, ${summary.documents} văn bản năm ${summary.year}.`,
    `Xem: eoffice stats --year ${summary.year} --as lanhdao`,
    `Người dùng: ${DEMO_PEOPLE.map((p) => `${p.username} (${p.roles.join(', ')})`).join(', ')}`,
    `Mật khẩu của các tài khoản mẫu / demo password: ${options.password}`,
  ];
  context.io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
