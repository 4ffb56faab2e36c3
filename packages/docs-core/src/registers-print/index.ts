export { printRegister, type PrintRegisterRequest, type PrintRegisterResult } from './print-register.js';
export { loadRegisterContent, registerDate, VOID_MARK, type RegisterContent, type RegisterCover, type RegisterLine } from './register-rows.js';
export { OUTGOING_COLUMNS, INCOMING_COLUMNS, columnsFor, registerHeading, type RegisterColumn } from './register-columns.js';
export { loadTinos, DEFAULT_FONT_DIR, type FontBytes } from './register-fonts.js';
