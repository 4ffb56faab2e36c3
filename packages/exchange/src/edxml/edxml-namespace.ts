/** The QCVN 102:2016 namespace; messages write it with an explicit `edXML:` prefix (domain-vn.md §3.1). */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
export const EDXML_PREFIX = 'edXML';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
