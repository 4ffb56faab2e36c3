import rootPackage from '../../../package.json' with { type: 'json' };

/** The version shown in the status bar and `eoffice info`: the product's version, kept in the workspace root. */
export const APP_VERSION: string = rootPackage.version;
export const APP_NAME = 'E-Office Desktop';
