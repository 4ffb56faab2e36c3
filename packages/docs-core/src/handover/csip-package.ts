import { createHash } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import { vietnamIso } from '@eoffice/vietnamese';
import type { FileContents } from '../records/file-contents.js';
import { fileCodeFileName } from '../records/file-export.js';
import { fileXml } from '../records/file-xml.js';
import { documentXml } from '../records/file-xml.js';
import { xmlText } from '../records/xml-text.js';
import { packageVariant, type PackageProfile } from './package-profile.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface PackagedFile {
  readonly objid: string;
  readonly zip: Uint8Array;
  readonly documents: number;
}

interface PackageEntry {
  readonly id: string;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly mimeType: string;
  readonly documentOrdinal: number;
}

/** PREMIS event types per processing step (our names: no Vietnamese controlled list was available). */
const PREMIS_EVENTS: Record<string, string> = { receive: 'receipt', sign: 'signing', issue: 'signing', register: 'registration', bindNumber: 'registration' };

/**
 * One record file as an E-ARK CSIP package (README "Handover package"): a folder named by OBJID holding METS.xml,
 * metadata/descriptive (Phụ lục VI XML), metadata/preservation (PREMIS) and one folder per representation with the
 * originals byte for byte, every file listed in the METS fileSec with SIZE and its SHA-256.
 */
export function buildCsipPackage(contents: FileContents, originals: ReadonlyMap<string, Uint8Array>, options: { type: 'SIP' | 'AIP'; profile: PackageProfile; createdAt: Date; softwareVersion: string }): PackagedFile {
  const f = contents.file;
  const { profile } = options;
  const objid = fileCodeFileName(f.fileCode);
  const created = vietnamIso(options.createdAt);
  const encoder = new TextEncoder();
  const entries: PackageEntry[] = contents.documents.flatMap((doc) => {
    const bytes = doc.original ? originals.get(doc.original.sha256) : undefined;
    if (!doc.original || !bytes) return [];
    const name = `${String(doc.docOrdinal).padStart(3, '0')}-${doc.original.name.replace(/[^\p{L}\p{N}._-]/gu, '_')}`;
    return [{ id: `file-${doc.docOrdinal}`, path: `representations/${profile.representation}/data/${name}`, bytes, mimeType: doc.original.mediaType, documentOrdinal: doc.docOrdinal }];
  });
  const descriptive = encoder.encode(fileXml(contents));
  const premis = encoder.encode(premisXml(contents, entries, created, options.softwareVersion));
  const mdRef = (id: string, path: string, bytes: Uint8Array, mdType: string, other: string | null) =>
    `<mets:mdRef ID="${id}-ref" LOCTYPE="URL" xlink:type="simple" xlink:href="${path}" MDTYPE="${mdType}"${other ? ` OTHERMDTYPE="${xmlText(other)}"` : ''} MIMETYPE="text/xml" SIZE="${bytes.length}" CREATED="${created}" CHECKSUM="${sha256(bytes)}" CHECKSUMTYPE="SHA-256"/>`;
  const mets = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:csip="https://DILCIS.eu/XML/METS/CSIPExtensionMETS" ` +
      `OBJID="${xmlText(objid)}" LABEL="${xmlText(f.title)}" TYPE="${xmlText(profile.type)}" csip:OTHERTYPE="${xmlText(profile.otherType)}" csip:CONTENTINFORMATIONTYPE="OTHER" PROFILE="${xmlText(profile.profile)}">`,
    `<mets:metsHdr CREATEDATE="${created}" RECORDSTATUS="NEW" csip:OAISPACKAGETYPE="${options.type}">`,
    `<mets:agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"><mets:name>E-Office Desktop</mets:name><mets:note csip:NOTETYPE="SOFTWARE VERSION">${xmlText(options.softwareVersion)}</mets:note></mets:agent>`,
    `<mets:agent ROLE="CREATOR" TYPE="ORGANIZATION"><mets:name>${xmlText(contents.agency.name)}</mets:name><mets:note csip:NOTETYPE="IDENTIFICATIONCODE">${xmlText(contents.agency.organId)}</mets:note></mets:agent>`,
    `<mets:altRecordID TYPE="FileCode">${xmlText(f.fileCode)}</mets:altRecordID>`,
    `<mets:altRecordID TYPE="PackageVariant">${packageVariant(options.type)}</mets:altRecordID>`,
    '</mets:metsHdr>',
    `<mets:dmdSec ID="dmd-file" CREATED="${created}" STATUS="CURRENT">${mdRef('dmd-file', 'metadata/descriptive/ho-so.xml', descriptive, 'OTHER', profile.descriptiveType)}</mets:dmdSec>`,
    ...contents.documents.map(
      (doc) =>
        `<mets:dmdSec ID="dmd-doc-${doc.docOrdinal}" CREATED="${created}" STATUS="CURRENT"><mets:mdWrap MDTYPE="OTHER" OTHERMDTYPE="${xmlText(profile.descriptiveType)}"><mets:xmlData>` +
        documentXml(contents, doc).replace('<Document>', '<Document xmlns="urn:eoffice:nd30:phuluc6">') +
        '</mets:xmlData></mets:mdWrap></mets:dmdSec>',
    ),
    `<mets:amdSec ID="amd-1"><mets:digiprovMD ID="premis-1" CREATED="${created}" STATUS="CURRENT">${mdRef('premis-1', 'metadata/preservation/premis.xml', premis, 'PREMIS', null)}</mets:digiprovMD></mets:amdSec>`,
    '<mets:fileSec ID="filesec-1">',
    `<mets:fileGrp ID="filegrp-${profile.representation}" USE="Representations/${xmlText(profile.representation)}">`,
    ...entries.map(
      (e) =>
        `<mets:file ID="${e.id}" MIMETYPE="${xmlText(e.mimeType)}" SIZE="${e.bytes.length}" CREATED="${created}" CHECKSUM="${sha256(e.bytes)}" CHECKSUMTYPE="SHA-256" DMDID="dmd-doc-${e.documentOrdinal}">` +
        `<mets:FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="${xmlText(e.path)}"/></mets:file>`,
    ),
    '</mets:fileGrp>',
    '</mets:fileSec>',
    `<mets:structMap ID="structmap-1" TYPE="PHYSICAL" LABEL="CSIP">`,
    `<mets:div ID="div-root" LABEL="${xmlText(objid)}" DMDID="dmd-file" ADMID="premis-1">`,
    `<mets:div ID="div-metadata" LABEL="Metadata" DMDID="dmd-file" ADMID="premis-1"/>`,
    `<mets:div ID="div-${profile.representation}" LABEL="Representations/${xmlText(profile.representation)}">`,
    ...entries.map((e) => `<mets:fptr FILEID="${e.id}"/>`),
    '</mets:div>',
    '</mets:div>',
    '</mets:structMap>',
    '</mets:mets>',
    '',
  ].join('\n');
  const tree: Zippable = {
    [`${objid}/METS.xml`]: [encoder.encode(mets), { level: 6 }],
    [`${objid}/metadata/descriptive/ho-so.xml`]: [descriptive, { level: 6 }],
    [`${objid}/metadata/preservation/premis.xml`]: [premis, { level: 6 }],
    // PDFs are stored, not deflated: they are compressed already, and stored bytes are the originals as they are.
    ...Object.fromEntries(entries.map((e) => [`${objid}/${e.path}`, [e.bytes, { level: 0 }]])),
  };
  return { objid, zip: zipSync(tree, { mtime: options.createdAt }), documents: entries.length };
}

/** PREMIS 3: an object per original (fixity SHA-256), the events of receipt, signing, registration and closing. */
function premisXml(contents: FileContents, entries: readonly PackageEntry[], created: string, softwareVersion: string): string {
  const agencyId = contents.agency.organId;
  const objects = entries.map(
    (e) =>
      `<premis:object xsi:type="premis:file"><premis:objectIdentifier><premis:objectIdentifierType>local</premis:objectIdentifierType><premis:objectIdentifierValue>${e.id}</premis:objectIdentifierValue></premis:objectIdentifier>` +
      `<premis:objectCharacteristics><premis:compositionLevel>0</premis:compositionLevel><premis:fixity><premis:messageDigestAlgorithm>SHA-256</premis:messageDigestAlgorithm><premis:messageDigest>${sha256(e.bytes)}</premis:messageDigest></premis:fixity>` +
      `<premis:size>${e.bytes.length}</premis:size><premis:format><premis:formatDesignation><premis:formatName>${xmlText(e.mimeType)}</premis:formatName></premis:formatDesignation></premis:format></premis:objectCharacteristics>` +
      `<premis:originalName>${xmlText(e.path.split('/').at(-1))}</premis:originalName></premis:object>`,
  );
  const events: string[] = [];
  let n = 0;
  const event = (type: string, at: string, detail: string, objectId: string | null, outcome = 'success') => {
    n += 1;
    events.push(
      `<premis:event><premis:eventIdentifier><premis:eventIdentifierType>local</premis:eventIdentifierType><premis:eventIdentifierValue>event-${n}</premis:eventIdentifierValue></premis:eventIdentifier>` +
        `<premis:eventType>${type}</premis:eventType><premis:eventDateTime>${xmlText(at)}</premis:eventDateTime><premis:eventDetailInformation><premis:eventDetail>${xmlText(detail)}</premis:eventDetail></premis:eventDetailInformation>` +
        `<premis:eventOutcomeInformation><premis:eventOutcome>${outcome}</premis:eventOutcome></premis:eventOutcomeInformation>` +
        `<premis:linkingAgentIdentifier><premis:linkingAgentIdentifierType>local</premis:linkingAgentIdentifierType><premis:linkingAgentIdentifierValue>agent-agency</premis:linkingAgentIdentifierValue></premis:linkingAgentIdentifier>` +
        (objectId ? `<premis:linkingObjectIdentifier><premis:linkingObjectIdentifierType>local</premis:linkingObjectIdentifierType><premis:linkingObjectIdentifierValue>${objectId}</premis:linkingObjectIdentifierValue></premis:linkingObjectIdentifier>` : '') +
        '</premis:event>',
    );
  };
  for (const doc of contents.documents) {
    const objectId = entries.find((e) => e.documentOrdinal === doc.docOrdinal)?.id ?? null;
    for (const step of doc.events) {
      const type = PREMIS_EVENTS[step.action];
      if (type) event(type, step.at, `Văn bản ${doc.docOrdinal}: ${step.action}`, objectId);
    }
    for (const s of doc.signatures) {
      event('signature validation', s.checkedAt, `Văn bản ${doc.docOrdinal}: chữ ký ${s.kind} của ${s.signerName ?? '?'} ${s.valid ? 'hợp lệ' : 'không hợp lệ'}`, objectId, s.valid ? 'success' : 'failure');
    }
  }
  if (contents.file.closedAt) event('closing', contents.file.closedAt, `Kết thúc hồ sơ ${contents.file.fileCode} bởi ${contents.file.closedBy ?? ''}`, null);
  event('packaging', created, 'Lập gói nộp lưu', null);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<premis:premis xmlns:premis="http://www.loc.gov/premis/v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0">',
    ...objects,
    ...events,
    `<premis:agent><premis:agentIdentifier><premis:agentIdentifierType>local</premis:agentIdentifierType><premis:agentIdentifierValue>agent-agency</premis:agentIdentifierValue></premis:agentIdentifier><premis:agentName>${xmlText(contents.agency.name)} (${xmlText(agencyId)})</premis:agentName><premis:agentType>organization</premis:agentType></premis:agent>`,
    `<premis:agent><premis:agentIdentifier><premis:agentIdentifierType>local</premis:agentIdentifierType><premis:agentIdentifierValue>agent-software</premis:agentIdentifierValue></premis:agentIdentifier><premis:agentName>E-Office Desktop ${xmlText(softwareVersion)}</premis:agentName><premis:agentType>software</premis:agentType></premis:agent>`,
    '</premis:premis>',
    '',
  ].join('\n');
}
