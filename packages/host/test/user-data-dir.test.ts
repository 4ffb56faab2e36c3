import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../src/user-data-dir.js';

describe('defaultDataDir', () => {
  it('follows Electron userData conventions per platform and honours EOFFICE_DATA_DIR', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/E-Office Desktop');
    expect(defaultDataDir({ APPDATA: 'C:/Users/a/AppData/Roaming' }, 'win32')).toContain('E-Office Desktop');
    expect(defaultDataDir({ EOFFICE_DATA_DIR: '/data/eoffice', XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/data/eoffice');
  });
});
