/** Exchange packages between devices: make one for an org, read and compare one, merge it. */
export { createExchangePackage, type CreatedPackage } from './write'
export { readExchangeFile, type CheckedPackage } from './read'
export { mergeExchangePackage } from './merge'
