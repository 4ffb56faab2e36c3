/** The edXML messages of QCVN 102:2016 as this code base reads and writes them (domain-vn.md §3.2–§3.4). */

export interface Organ {
  readonly organId: string;
  readonly organName?: string;
  readonly organizationInCharge?: string;
  readonly organAdd?: string;
  readonly email?: string;
  readonly telephone?: string;
  readonly fax?: string;
  readonly website?: string;
}

export interface ResponseFor {
  readonly organId: string;
  /** "số/ký hiệu" of the document answered. */
  readonly code: string;
  /** ISO yyyy-mm-dd, or null when empty or unreadable. */
  readonly promulgationDate: string | null;
  readonly documentId: string;
}

export interface StaffInfo {
  readonly department?: string;
  readonly staff?: string;
  readonly email?: string;
  readonly mobile?: string;
}

/** BussinessDocType: 0 new, 1 revoke, 2 update, 3 replace. */
export type BusinessDocType = 0 | 1 | 2 | 3;

export interface Business {
  /** The document an update/revoke/replace targets (the new one's own id for type 0 in most samples). */
  readonly documentId: string | null;
  readonly businessDocType: BusinessDocType;
  readonly reason: string;
  readonly paper: boolean;
  readonly staffInfo?: StaffInfo;
  /** Update (2): who receives the change; ReceiverType as sent (meaning UNVERIFIED). */
  readonly receivers?: ReadonlyArray<{ readonly organId: string; readonly receiverType: string }>;
  /** Replace (3): the documents replaced and for whom. */
  readonly replacements?: ReadonlyArray<{ readonly documentId: string; readonly organIds: readonly string[] }>;
}

export interface TraceHeader {
  readonly organId: string | null;
  readonly timestamp: string;
}

export interface EdocHeader {
  readonly from: Organ;
  readonly to: readonly Organ[];
  readonly documentId: string;
  readonly codeNumber: string;
  readonly codeNotation: string;
  readonly place: string;
  readonly promulgationDate: string | null;
  readonly documentType: { readonly type: number; readonly typeDetail: number; readonly typeName: string };
  readonly subject: string;
  readonly content: string;
  readonly signer: { readonly competence: string; readonly position: string; readonly fullName: string };
  readonly dueDate: string | null;
  readonly toPlaces: readonly string[];
  readonly priority: number;
  readonly pageAmount: number | null;
  readonly promulgationAmount: number | null;
  readonly appendixes: readonly string[];
  readonly responseFor: readonly ResponseFor[];
  readonly steeringType: number;
}

export interface EdocAttachment {
  readonly contentId: string;
  /** Sanitised: a bare file name, never a path. */
  readonly name: string;
  readonly description: string;
  readonly contentType: string;
  /** Where the decoded bytes are (a file in the caller's work folder). */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface EdocMessage {
  readonly kind: 'edoc';
  readonly header: EdocHeader;
  readonly traces: readonly TraceHeader[];
  readonly business: Business;
  readonly attachments: readonly EdocAttachment[];
  /** Deviations read leniently (a dd/MM/yyyy date, a legacy status code), for the clerk and the logs. */
  readonly warnings: readonly string[];
}

/** Status codes emitted; 14 is read as a legacy alias of 15. */
export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

export interface StatusMessage {
  readonly kind: 'status';
  readonly from: Organ;
  readonly responseFor: ResponseFor;
  readonly staffInfo?: StaffInfo;
  readonly statusCode: StatusCode;
  readonly description: string;
  /** As written: yyyy/MM/dd HH:mm:ss (Vietnam time). */
  readonly timestamp: string;
  readonly warnings: readonly string[];
}

export type EdxmlMessage = EdocMessage | StatusMessage;
