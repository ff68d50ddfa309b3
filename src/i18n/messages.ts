import areaEn from './area.en'
import areaZhCN from './area.zh-CN'
import orgPageEn from './orgPage.en'
import orgPageZhCN from './orgPage.zh-CN'
import phoneEn from './phone.en'
import phoneZhCN from './phone.zh-CN'
import settingLabelsEn from './settingLabels.en'
import settingLabelsZhCN from './settingLabels.zh-CN'
import settingsEn from './settings.en'
import settingsZhCN from './settings.zh-CN'
import backupEn from './backup.en'
import backupZhCN from './backup.zh-CN'
import en from './en'
import exchangeEn from './exchange.en'
import exchangeZhCN from './exchange.zh-CN'
import importEn from './import.en'
import importZhCN from './import.zh-CN'
import jointEn from './joint.en'
import jointZhCN from './joint.zh-CN'
import meetingsEn from './meetings.en'
import meetingsZhCN from './meetings.zh-CN'
import membersEn from './members.en'
import membersZhCN from './members.zh-CN'
import replicationEn from './replication.en'
import replicationZhCN from './replication.zh-CN'
import duesEn from './dues.en'
import duesZhCN from './dues.zh-CN'
import studyEn from './study.en'
import studyZhCN from './study.zh-CN'
import syncEn from './sync.en'
import syncZhCN from './sync.zh-CN'
import zhCN from './zh-CN'

/**
 * Every locale's messages at once, the shared ones and every feature's, merged as the app merges
 * them page by page (index.ts: `loadFeatureMessages`). For tests.
 */
export const messages = {
  'zh-CN': {
    ...zhCN,
    members: membersZhCN,
    joint: jointZhCN,
    study: { ...zhCN.study, ...studyZhCN },
    dues: duesZhCN,
    backup: { ...zhCN.backup, ...backupZhCN },
    exchange: { ...zhCN.exchange, ...exchangeZhCN },
    meetings: meetingsZhCN,
    import: importZhCN,
    settings: settingsZhCN,
    settingLabels: settingLabelsZhCN,
    orgPage: orgPageZhCN,
    area: areaZhCN,
    sync: syncZhCN,
    phone: { ...zhCN.phone, ...phoneZhCN },
    replication: replicationZhCN,
  },
  en: {
    ...en,
    members: membersEn,
    joint: jointEn,
    study: { ...en.study, ...studyEn },
    dues: duesEn,
    backup: { ...en.backup, ...backupEn },
    exchange: { ...en.exchange, ...exchangeEn },
    meetings: meetingsEn,
    import: importEn,
    settings: settingsEn,
    settingLabels: settingLabelsEn,
    orgPage: orgPageEn,
    area: areaEn,
    sync: syncEn,
    phone: { ...en.phone, ...phoneEn },
    replication: replicationEn,
  },
}
