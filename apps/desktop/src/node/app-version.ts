import desktopPackage from '../../package.json' with { type: 'json' };

/** The version shown in the status bar and `eoffice info`: the desktop app's package version. */
export const APP_VERSION: string = desktopPackage.version;
export const APP_NAME = 'E-Office Desktop';
