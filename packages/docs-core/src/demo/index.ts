export { makeDemoPdf, DEFAULT_DEMO_RECIPIENTS, type DemoPdfText } from './demo-pdf.js';
export { planDemo, issuerAbbreviation, type PlannedDocument, type PlannedIncoming, type PlannedOutgoing, type PlannedStep, type DemoPlanOptions } from './demo-plan.js';
export { seedDemo, DEMO_AGENCY, DEMO_DIRECTORY_FILE, DEFAULT_DEMO_PASSWORD, type SeedDemoOptions, type SeedDemoSummary } from './seed-demo.js';
export { DEMO_PEOPLE, type DemoPerson } from './demo-catalogue.js';
export { DEMO_SEED_MARKER, discardInterruptedSeed } from './interrupted-seed.js';
export { seedProvinceProfile, type SeedProfileOptions, type SeedProfileSummary } from './seed-profile.js';
export { PROVINCE_PROFILES, provinceProfile, type ProvinceProfile, type ProvinceProfileName } from './province-profiles.js';
export { profileDocuments, type ProfileDocument } from './profile-documents.js';
