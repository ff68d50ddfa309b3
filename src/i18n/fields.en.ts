import type zhCN from './fields.zh-CN'

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

const en: Messages<typeof zhCN> = {
  firm: {
    name: 'Firm name',
    creditCode: 'Unified social credit code',
    areaId: 'Area',
    industry: 'Industry',
    sizeClass: 'Size',
    employees: 'Employees',
    registeredOn: 'Registered on',
    closedOn: 'Closed on',
    instructor: 'Party-building instructor',
    liaison: 'Liaison',
    tradeUnion: 'Trade union',
    youthLeague: 'Youth League',
    address: 'Address',
    note: 'Note',
    orgStatus: 'Party organisation',
  },
  org: {
    name: 'Organisation name',
    type: 'Type',
    parentId: 'Parent organisation',
    areaId: 'Area',
    hostFirmIds: 'Host firms',
    foundedOn: 'Founded on',
    dissolvedOn: 'Dissolved on',
    committee: 'Committee',
    termStartOn: 'Current term from',
    termYears: 'Term (years)',
    note: 'Note',
    formation: 'Formation',
    villageOrCommunity: 'Village / community',
    termShift: 'Renewal delayed or advanced',
  },
  area: {
    name: 'Area name',
    parentId: 'Parent area',
    level: 'Level',
    code: 'Division code',
    retired: 'Retired',
    sortOrder: 'Order',
  },
  member: {
    name: 'Name',
    gender: 'Gender',
    ethnicity: 'Ethnicity',
    birthDate: 'Birth date',
    idNumber: 'ID number',
    phone: 'Mobile',
    orgId: 'Organisation',
  },
}

export default en
