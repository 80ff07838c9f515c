import type { Problem } from '../../schema/problem';
import { formatMessage, type Locale } from './messages';

/** Problems (codes with values, from ingest, engine and store) in words. */
const zh = {
  'manifest.badSegments': '工作区清单的 segments 应为分群列表（最多 {max} 个）。',
  'manifest.badSegment': '工作区清单中的分群“{name}”无法读取，已跳过。',
  'manifest.badNames': '工作区清单的 names 应为各语言的名称，如 {"zh": "…", "en": "…"}。',
  'manifest.badReports': '工作区清单的 reports 应为报告列表（最多 {max} 份）。',
  'manifest.badReport': '工作区清单中的报告“{title}”无法读取，已跳过。',
  'report.notStrata': '这不是 Strata 导出的报告（文件中没有报告数据）。',
  'report.damaged': '报告文件已损坏，无法读取（{detail}）。',
  'report.tampered': '报告文件在导出后被改动过，与导出时的内容不一致，未打开。',
  'report.newerVersion': '这份报告来自更新版本的 Strata（格式版本 {version}，本应用读取到 {supported}）。',
  'range.reversed': '日期范围的开始（{from}）晚于结束（{to}）。',
  'request.invalid': '分析请求无效。',
  'request.unknownKind': '没有名为“{kind}”的分析。',
  'segment.notFound': '地址中的分群 {id} 不存在（可能已删除），无法按它筛选。',
  'filter.invalid': '地址中的筛选条件无法读取：{value}。没有按它计算；请在上方清除筛选后重新添加。',
  'segment.tooDeep': '分群规则的嵌套超过 {max} 层。',
  'segment.tooLarge': '分群规则的条件超过 {max} 个。',
  'spec.invalid': '设置“{field}”无效（应为：{expected}）。',
  'column.missing': '{file}：文件中没有“{column}”列（文件中的列：{columns}）。',
  'column.noTime': '{file}：还没有选择时间列。',
  'csv.unreadable':
    '{file}：无法确定这个文件的分隔符、引号或换行方式，无法按 CSV 读取。请在预览中选择分隔符，或用表格软件打开后另存为 UTF-8 CSV 再拖入。',
  'csv.unreadableAt':
    '{file}：第 {line} 行附近无法按 CSV 读取（分隔符、引号或换行方式不一致）。请检查这一行，或用表格软件打开后另存为 UTF-8 CSV 再拖入。',
  'draft.chooseAnonymousId': '{file}：请选择匿名 ID 列。',
  'draft.chooseTime': '{file}：请选择时间列。',
  'draft.chooseUserId': '{file}：请选择用户 ID 列。',
  'draft.noEvents': '这些文件都不含事件或订单，没有可分析的数据。',
  'workspace.fileNotFound': '工作区中没有文件 {file}。',
  'workspace.lastEventsFile':
    '{file} 是工作区中唯一的事件或订单文件，不能移除：工作区至少需要一个。可以拖入新文件并选择“替换当前工作区”。',
  'drop.noFiles': '没有拖入任何文件。',
  'engine.cancelled': '已取消。',
  'engine.crashed': '分析引擎的后台线程崩溃了。',
  'engine.failed': '分析引擎出错了。',
  'engine.hung': '分析引擎长时间没有响应。',
  'engine.noWorkspace': '尚未加载数据。',
  'rezone.reimport': '同一天的购买已按原时区合并，更改时区需要重新导入文件。',
  'engine.notStarted': '分析引擎尚未启动。',
  'engine.restarted': '分析引擎停止运行，已重新启动。请重新运行分析。',
  'engine.restartedLoading':
    '载入 {file} 时分析引擎停止响应，已重新启动；之前的工作区已恢复。文件可能太大或太宽：请拆分文件，或只导出需要的列后再试。',
  'engine.superseded': '已被更新的工作区取代。',
  'file.allRejected': '{file}：所有行都被跳过：{reason}，共 {lines} 行；第一处在第 {line} 行（列：{column}）：{text}',
  'file.allRejectedRecords':
    '{file}：所有记录都被跳过：{reason}，共 {lines} 条；第一处是第 {line} 条记录（列：{column}）：{text}',
  'file.blank': '{file}：文件里只有空格和空行，没有数据。请重新导出带数据行的文件。',
  'file.binary': '{file}：这不是文本数据文件（开头附近有二进制内容）。请选择 CSV 或 TSV 格式的导出文件。',
  'file.controlCharacters': '{file}：这不是文本数据文件（开头附近有控制字符）。请选择 CSV 或 TSV 格式的导出文件。',
  'file.empty': '{file}：文件是空的（0 字节）。请重新导出带数据行的文件。',
  'file.fetchFailed': '{file}：无法获取（HTTP {status}）。',
  'file.keptUnreadable': '{file}：本机保存的该文件副本无法读回。请在“数据”页重新拖入该文件。',
  'file.headerOnly': '{file}：文件只有表头，没有数据行。',
  'file.missing': '{file}：缺少这个文件。请重新拖入，或检查工作区清单。',
  'file.noColumns': '{file}：没有找到任何列。',
  'file.noHeader': '{file}：文件没有表头行。',
  'file.notDecodable': '{file}：无法按 {encoding} 编码解码。',
  'file.notLoaded': '{file}：无法载入。请检查所选的列和分隔符；若问题仍在，请另存为 UTF-8 CSV 后再拖入。之前载入的数据保持不变。',
  'file.notLoadedAt': '{file}：第 {line} 行附近无法载入。请检查这一行，以及所选的列和分隔符。之前载入的数据保持不变。',
  'file.unreadable': '{file}：无法读取。',
  'file.unreadableHead': '{file}：无法读取文件（gzip 压缩包可能已损坏）。',
  'gzip.damaged': '{file}：gzip 文件不完整或已损坏。请重新下载或重新压缩。',
  'hosted.badAddress': '“{url}”不是有效的地址。',
  'hosted.fileOtherHost': '{file}：文件必须在本站点上。',
  'hosted.otherHost': '工作区清单必须在本站点上（{origin}）；{other} 是其他主机。',
  'hosted.unreadable': '{file}：无法读取（网络出错，或内容不是 JSON）。',
  'json.arrayTooLarge': '{file}：JSON 数组太大，浏览器无法整体读入。请导出为 NDJSON（每行一条记录）、Parquet 或 CSV。',
  'json.emptyArray': '{file}：JSON 数组是空的。',
  'json.invalid': '{file}：不是有效的 JSON。',
  'json.itemNotObject': '{file}：数组的第 {item} 项不是对象（{...}）。',
  'json.lineInvalid': '{file}：第 {line} 行不是有效的 JSON：{text}',
  'json.lineNotObject': '{file}：第 {line} 行不是 JSON 对象（{...}）。',
  'json.noRecords': '{file}：文件中没有 JSON 记录。',
  'json.notArray': '{file}：应为由记录组成的 JSON 数组（[{...}, {...}]）。',
  'load.noRows': '没有可载入的行：每一行都缺少用户 ID、可读的时间或事件名。',
  'load.noTimes': '没有任何一行的时间可以读取。',
  'load.notReadableBack':
    '{files}：浏览器无法读回该文件（不是 UTF-8 CSV 的文件会先转换并保存一份副本，文件这么大时浏览器拒绝保存）。请另存为 UTF-8 CSV（可直接读取），或拆分文件。之前载入的数据保持不变。',
  'load.outOfMemory':
    '{files}：数据对这个浏览器标签页来说太大，分析引擎的内存（数据约可用 3 GB）已用完。请载入更短的时间段或更少的文件，或用导入规则排除部分行。之前载入的数据保持不变。',
  'manifest.badPseudonymise': '“pseudonymise”必须写成 {"salt": "..."}，且 salt 至少 {min} 个字符。',
  'manifest.badTimeZone': '“timeZone”必须是 IANA 时区名，实际为 {value}。',
  'manifest.badWeekStart': '“weekStart”必须是 "monday" 或 "sunday"。',
  'manifest.filesMissing': '{file}：请把它引用的数据文件一起拖入；缺少：{missing}',
  'manifest.nameNotText': '“name”必须是文本。',
  'manifest.needsAnonymousId': '{field}：ID 映射文件需要匿名 ID 列。',
  'manifest.needsTime': '{field}：{role}文件需要时间列。',
  'manifest.noEventsFile': '工作区至少需要一个事件或订单文件。',
  'manifest.noFiles': '“files”至少要列出一个文件。',
  'manifest.notBoolean': '{field} 必须是 true 或 false。',
  'manifest.notRowNumber': '{field} 必须是工作表的行号（1 到 {max} 的整数）。',
  'manifest.notJsonObject': '工作区清单必须是一个 JSON 对象。',
  'manifest.notList': '{field} 必须是规则列表。',
  'manifest.notObject': '{field} 必须是对象。',
  'manifest.notOneOf': '{field} 必须是以下之一：{options}。',
  'manifest.notText': '{field} 必须是非空文本。',
  'manifest.quantityNeedsAmount': '{field}：有数量列时还需要金额列（单价）。',
  'manifest.required': '缺少 {field}。',
  'manifest.ruleNeedsValue': '{field}：规则 {op} 需要一个值。',
  'manifest.tooLarge': '{file}：文件太大，不像是工作区清单。',
  'manifest.tooManyRules': '{field}：每个文件最多 {max} 条排除规则。',
  'manifest.unsupportedVersion': '不支持清单版本 {version}（本应用读取版本 {supported}）。',
  'manifest.wrongFormat': '“format”必须是 "{expected}"。',
  'parquet.noRows': '{file}：Parquet 文件没有数据行。',
  'parquet.unreadable': '{file}：不是可读取的 Parquet 文件。',
  'sql.failed': '这项分析无法计算（查询失败）。请换一组设置再试，或点“查看 SQL”查看查询。',
  'backup.damaged': '备份文件已损坏（校验和不符，有内容被改动过），未恢复；当前工作区保持不变。',
  'backup.invalid': '备份文件的内容无法读取（{part}），未恢复；当前工作区保持不变。',
  'backup.needsPassphrase': '这个备份已加密，请输入备份时设置的口令。',
  'backup.newerVersion': '这个备份来自更新版本的 Strata（格式版本 {version}，本应用读取到 {supported}），未恢复。',
  'backup.noFiles': '已恢复，但备份中没有数据文件：请在“数据”页重新拖入这些文件，分群和报告会跟随工作区。',
  'backup.nothingKept': '本设备没有保存当前工作区，无法备份（例如还没有加载完成）。',
  'backup.notStrata': '这不是 Strata 的备份文件（可能是其他应用的文件）。',
  'backup.emptyPassphrase': '口令不能为空。',
  'backup.storageFull': '本设备的浏览器存储空间不足，备份没有恢复；当前工作区保持不变。可以在“数据”页清除已保存的数据后再试。',
  'backup.passphraseRequired': '这个工作区已加密，备份也必须加密：请为备份设置口令。',
  'backup.passphraseMismatch': '两次输入的口令不一致。',
  'backup.truncated': '备份文件不完整（只有 {size} 字节，可能下载或复制时被截断），未恢复；当前工作区保持不变。',
  'crypto.authFailed': '解密失败：数据已被改动或损坏（认证未通过）。',
  'crypto.damaged': '加密数据已损坏，无法读取。',
  'crypto.newerVersion': '加密数据来自更新版本的 Strata（格式版本 {version}，本应用读取到 {supported}）。',
  'crypto.wrongPassphrase': '口令不正确。',
  'vault.locked': '工作区已锁定，需要口令才能读取保存的数据。',
  'snapshot.hosted': '{file}：随工作区发布的数据表无法使用（获取失败、已损坏或来自另一个版本）；已改为导入它的文件。',
  'snapshot.damaged': '本设备保存的数据表已损坏，无法使用；已从保存的文件重新导入，并重新保存了数据表。',
  'snapshot.otherManifest': '本设备保存的数据表是按另一套导入设置生成的；已从保存的文件重新导入，并重新保存了数据表。',
  'snapshot.otherVersion': '本设备保存的数据表来自另一个版本的 Strata；已从保存的文件重新导入，并重新保存了数据表。',
  'storage.corruptRecord': '本设备保存的一条记录已损坏（{table}：{key}），已跳过。',
  'storage.failed': '本设备的浏览器存储出错（{error}），数据没有保存。',
  'storage.full': '本设备的浏览器存储空间已满，工作区没有保存；下次打开时需要重新拖入文件。可以在“数据”页清除已保存的数据。',
  'storage.unavailable': '无法打开本设备的浏览器存储（可能被另一个标签页占用，或在隐私模式下被禁用），数据没有保存。',
  'storage.version': '本设备保存的数据来自更新版本的 Strata，这个页面无法读取。请关闭其他 Strata 标签页后刷新。',
  'time.unreadable':
    '{file}：时间列“{column}”中没有任何值能读成时间（例如 {examples}）。请换一列，或按 2024-05-01 08:00:00 这样的格式导出时间。',
  'xlsx.damaged': '{file}：不是可读取的 .xlsx 工作簿（zip 容器已损坏）。',
  'xlsx.emptyHeaderRow': '{file}：工作表的第 {row} 行是空的，不能作为表头；请在导入预览中选择列名所在的行。',
  'xlsx.noSheets': '{file}：工作簿中没有工作表。',
  'xlsx.noSuchSheet': '{file}：没有名为“{sheet}”的工作表（现有：{sheets}）。',
  'xlsx.notWorkbook': '{file}：不是 .xlsx 工作簿（没有 xl/workbook.xml；不读取 .xls 和 .numbers，请另存为 .xlsx 或 CSV）。',
  'xlsx.oldXls': '{file}：这是旧版 Excel .xls 工作簿，无法读取。请在 Excel 中另存为 .xlsx 或 CSV 后再拖入。',
  'xlsx.sheetMissing': '{file}：工作簿中缺少工作表“{sheet}”。',
};

export type ProblemCode = keyof typeof zh;

const en: Record<ProblemCode, string> = {
  'manifest.badSegments': "The workspace manifest's segments must be a list of segments (at most {max}).",
  'manifest.badSegment': 'The segment "{name}" in the workspace manifest cannot be read and was skipped.',
  'manifest.badNames': 'The workspace manifest\'s names must give the name per language, such as {"zh": "…", "en": "…"}.',
  'manifest.badReports': "The workspace manifest's reports must be a list of reports (at most {max}).",
  'manifest.badReport': 'The report "{title}" in the workspace manifest cannot be read and was skipped.',
  'report.notStrata': 'This is not a report exported by Strata (the file has no report data).',
  'report.damaged': 'The report file is damaged and cannot be read ({detail}).',
  'report.tampered':
    'The report file was changed after it was exported; it does not match what was exported, so it was not opened.',
  'report.newerVersion': 'This report comes from a newer Strata (format version {version}; this app reads up to {supported}).',
  'range.reversed': 'The date range starts ({from}) after it ends ({to}).',
  'request.invalid': 'The analysis request is not valid.',
  'request.unknownKind': 'There is no analysis named "{kind}".',
  'segment.notFound': 'The segment {id} in the address does not exist (it may have been deleted); nothing is filtered by it.',
  'filter.invalid':
    'The filters in the address cannot be read: {value}. Nothing was computed with them; clear the filters above and add them again.',
  'segment.tooDeep': 'The segment rule nests deeper than {max} levels.',
  'segment.tooLarge': 'The segment rule has more than {max} conditions.',
  'spec.invalid': 'The setting "{field}" is not valid (expected: {expected}).',
  'column.missing': '{file}: column "{column}" is not in the file (its columns: {columns}).',
  'column.noTime': '{file}: no time column is chosen.',
  'csv.unreadable':
    '{file}: its separator, quotes or line endings could not be worked out, so it could not be read as CSV. Choose the separator in the preview, or open it in a spreadsheet, save it as UTF-8 CSV and drop that.',
  'csv.unreadableAt':
    '{file}: could not be read as CSV near line {line} (separators, quotes or line endings do not match the rest). Check that line, or open the file in a spreadsheet, save it as UTF-8 CSV and drop that.',
  'draft.chooseAnonymousId': '{file}: choose the anonymous id column.',
  'draft.chooseTime': '{file}: choose the time column.',
  'draft.chooseUserId': '{file}: choose the user id column.',
  'draft.noEvents': 'None of the files holds events or orders, so there is nothing to analyse.',
  'workspace.fileNotFound': 'The workspace has no file {file}.',
  'workspace.lastEventsFile':
    '{file} is the workspace’s only events or orders file and cannot be removed: a workspace needs one. Drop other files and choose “Replace it” instead.',
  'drop.noFiles': 'No file was dropped.',
  'engine.cancelled': 'Cancelled.',
  'engine.crashed': 'The engine worker crashed.',
  'engine.failed': 'The engine failed.',
  'engine.hung': 'The engine stopped answering.',
  'engine.noWorkspace': 'No workspace is loaded.',
  'rezone.reimport':
    'Same-day purchases were merged by day in the former time zone: another zone needs the files imported again.',
  'engine.notStarted': 'The engine is not started.',
  'engine.restarted': 'The engine stopped and was restarted. Run the analysis again.',
  'engine.restartedLoading':
    'The engine stopped answering while loading {file} and was restarted; the workspace loaded before is back. The file may be too large or too wide: split it, or export only the columns needed, and try again.',
  'engine.superseded': 'Superseded by a newer workspace.',
  'file.allRejected':
    '{file}: every row was rejected: {reason} on {lines} line(s), first on line {line} (column {column}): {text}',
  'file.allRejectedRecords':
    '{file}: every record was rejected: {reason} on {lines} record(s), first on record {line} (column {column}): {text}',
  'file.blank': '{file}: the file holds only spaces and blank lines, no data. Export it again with its rows.',
  'file.binary': '{file}: this is not a text data file (binary content near the start). Choose a CSV or TSV export.',
  'file.controlCharacters':
    '{file}: this is not a text data file (control characters near the start). Choose a CSV or TSV export.',
  'file.empty': '{file}: the file is empty (0 bytes). Export it again with its rows.',
  'file.fetchFailed': '{file}: could not be fetched (HTTP {status}).',
  'file.keptUnreadable':
    '{file}: the copy of this file kept on this device could not be read back. Drop the file again on the Data page.',
  'file.headerOnly': '{file}: the file has a header but no rows.',
  'file.missing': '{file}: the file is missing. Drop it again or check the manifest.',
  'file.noColumns': '{file}: no columns were found.',
  'file.noHeader': '{file}: the file has no header line.',
  'file.notDecodable': '{file}: could not be decoded as {encoding}.',
  'file.notLoaded':
    '{file}: could not be loaded. Check the columns and the separator chosen; if it still fails, save it as UTF-8 CSV and drop that. The data loaded before is unchanged.',
  'file.notLoadedAt':
    '{file}: could not be loaded near line {line}. Check that line, and the columns and separator chosen. The data loaded before is unchanged.',
  'file.unreadable': '{file}: could not be read.',
  'file.unreadableHead': '{file}: the file could not be read (a damaged gzip?).',
  'gzip.damaged': '{file}: the gzip file is truncated or damaged. Download or compress it again.',
  'hosted.badAddress': '"{url}" is not a valid address.',
  'hosted.fileOtherHost': '{file}: files must be on this site.',
  'hosted.otherHost': 'The manifest must be on this site ({origin}); {other} is another host.',
  'hosted.unreadable': '{file}: could not be read (a network error, or not JSON).',
  'json.arrayTooLarge':
    '{file}: a JSON array this large cannot be read whole in a browser. Export it as NDJSON (one record per line), Parquet or CSV.',
  'json.emptyArray': '{file}: the JSON array is empty.',
  'json.invalid': '{file}: not valid JSON.',
  'json.itemNotObject': '{file}: item {item} of the array is not an object ({...}).',
  'json.lineInvalid': '{file}: line {line} is not valid JSON: {text}',
  'json.lineNotObject': '{file}: line {line} is not a JSON object ({...}).',
  'json.noRecords': '{file}: the file holds no JSON records.',
  'json.notArray': '{file}: expected a JSON array of records ([{...}, {...}]).',
  'load.noRows': 'No row could be loaded: every row lacks a user id, a readable time or an event name.',
  'load.noTimes': 'No row has a readable time.',
  'load.notReadableBack':
    '{files}: the browser could not read the file back (it keeps a converted copy of files that are not UTF-8 CSV, and refuses to at this size). Save it as UTF-8 CSV, which is read directly, or split it. The data loaded before is unchanged.',
  'load.outOfMemory':
    "{files}: too large for this browser tab: the engine's memory (about 3 GB for data) ran out. Load a shorter period or fewer files, or leave out rows with an import rule. The data loaded before is unchanged.",
  'manifest.badPseudonymise': '"pseudonymise" must be {"salt": "..."} with a salt of at least {min} characters.',
  'manifest.badTimeZone': '"timeZone" must be an IANA time zone name, got {value}.',
  'manifest.badWeekStart': '"weekStart" must be "monday" or "sunday".',
  'manifest.filesMissing': '{file}: drop its data files with it; missing: {missing}',
  'manifest.nameNotText': '"name" must be a string.',
  'manifest.needsAnonymousId': '{field}: an identity file needs the anonymous id column.',
  'manifest.needsTime': '{field}: an {role} file needs a time column.',
  'manifest.noEventsFile': 'A workspace needs at least one events or orders file.',
  'manifest.noFiles': '"files" must list at least one file.',
  'manifest.notBoolean': '{field} must be true or false.',
  'manifest.notRowNumber': '{field} must be a row number of the sheet (a whole number from 1 to {max}).',
  'manifest.notJsonObject': 'A manifest must be a JSON object.',
  'manifest.notList': '{field} must be a list of rules.',
  'manifest.notObject': '{field} must be an object.',
  'manifest.notOneOf': '{field} must be one of {options}.',
  'manifest.notText': '{field} must be a non-empty string.',
  'manifest.quantityNeedsAmount': '{field} needs the amount column (the unit price).',
  'manifest.required': '{field} is required.',
  'manifest.ruleNeedsValue': '{field} is required for {op}.',
  'manifest.tooLarge': '{file}: too large for a workspace manifest.',
  'manifest.tooManyRules': '{field}: at most {max} exclude rules per file.',
  'manifest.unsupportedVersion': 'Unsupported manifest version {version} (this app reads {supported}).',
  'manifest.wrongFormat': '"format" must be "{expected}".',
  'parquet.noRows': '{file}: the Parquet file has no rows.',
  'parquet.unreadable': '{file}: not a readable Parquet file.',
  'sql.failed': 'This analysis could not be computed (its query failed). Try other settings, or use Show SQL to see the query.',
  'backup.damaged':
    'The backup file is damaged (its checksum does not match: something in it was changed); nothing was restored and the workspace in use is unchanged.',
  'backup.invalid':
    'The content of the backup file cannot be read ({part}); nothing was restored and the workspace in use is unchanged.',
  'backup.needsPassphrase': 'This backup is encrypted: enter the passphrase it was made with.',
  'backup.newerVersion':
    'This backup comes from a newer Strata (format version {version}; this app reads up to {supported}); nothing was restored.',
  'backup.noFiles':
    'Restored, but the backup holds no data files: drop the files again on the Data page; the segments and reports follow the workspace.',
  'backup.nothingKept':
    'The workspace in use is not kept on this device, so there is nothing to back up (has it finished loading?).',
  'backup.notStrata': 'This is not a Strata backup (perhaps a file of another app).',
  'backup.emptyPassphrase': 'The passphrase cannot be empty.',
  'backup.storageFull':
    'There is not enough browser storage on this device: nothing was restored and the workspace in use is unchanged. Wipe what is kept (Data page) and try again.',
  'backup.passphraseRequired': 'This workspace is encrypted, so its backup must be too: give the backup a passphrase.',
  'backup.passphraseMismatch': 'The two passphrases differ.',
  'backup.truncated':
    'The backup file is incomplete (only {size} bytes: cut short while downloading or copying?); nothing was restored and the workspace in use is unchanged.',
  'crypto.authFailed': 'Decryption failed: the data was changed or damaged (authentication failed).',
  'crypto.damaged': 'The encrypted data is damaged and cannot be read.',
  'crypto.newerVersion':
    'The encrypted data comes from a newer Strata (format version {version}; this app reads up to {supported}).',
  'crypto.wrongPassphrase': 'Wrong passphrase.',
  'vault.locked': 'The workspace is locked: its kept data needs the passphrase.',
  'snapshot.hosted':
    '{file}: the tables published with this workspace could not be used (not fetched, damaged, or made by another version): its files were imported instead.',
  'snapshot.damaged':
    'The tables kept on this device were damaged and could not be used: the workspace was imported again from its kept files, and its tables kept anew.',
  'snapshot.otherManifest':
    'The tables kept on this device were built with other import settings: the workspace was imported again from its kept files, and its tables kept anew.',
  'snapshot.otherVersion':
    'The tables kept on this device were built by another version of Strata: the workspace was imported again from its kept files, and its tables kept anew.',
  'storage.corruptRecord': 'A record kept on this device is damaged ({table}: {key}) and was skipped.',
  'storage.failed': 'The browser storage on this device failed ({error}); nothing was kept.',
  'storage.full':
    'The browser storage on this device is full, so the workspace was not kept: after a reload its files must be dropped again. Wipe what is stored on the Data page to make room.',
  'storage.unavailable':
    'The browser storage on this device could not be opened (another tab may hold it, or private mode disables it); nothing was kept.',
  'storage.version':
    'What this device keeps was written by a newer version of Strata, which this page cannot read. Close the other Strata tabs and reload.',
  'time.unreadable':
    '{file}: no value of the time column "{column}" could be read as a time (for example {examples}). Choose another column, or export times like 2024-05-01 08:00:00.',
  'xlsx.damaged': '{file}: not a readable .xlsx workbook (the zip container is damaged).',
  'xlsx.emptyHeaderRow':
    '{file}: row {row} of the sheet is empty and cannot be the header; choose the row with the column names in the import preview.',
  'xlsx.noSheets': '{file}: the workbook has no sheets.',
  'xlsx.noSuchSheet': '{file}: no sheet named "{sheet}" (sheets: {sheets}).',
  'xlsx.notWorkbook': '{file}: not an .xlsx workbook (no xl/workbook.xml; .xls and .numbers are not read: save as .xlsx or CSV).',
  'xlsx.oldXls': '{file}: an old Excel .xls workbook, which is not read. Save it as .xlsx or CSV in Excel and drop that.',
  'xlsx.sheetMissing': '{file}: sheet "{sheet}" is missing from the workbook.',
};

/** DuckDB's reasons for skipping a CSV line (its rejects table's error_type), in words. */
const zhReasons = {
  'MISSING COLUMNS': '列数少于表头',
  'TOO MANY COLUMNS': '列数多于表头',
  CAST: '值与该列类型不符',
  'UNQUOTED VALUE': '引号未正确闭合',
  'LINE SIZE OVER MAXIMUM': '行过长（超过 2 MB 的读取上限：可能是误存入的大段文本，或引号没有闭合）',
  'INVALID UNICODE': '编码无效（请检查文件编码）',
  'INVALID ENCODING': '含有不是 UTF-8 的字节（请检查文件编码）',
  'NUL BYTES': '含有空字节（NUL），文件可能已损坏',
  'UNCLOSED QUOTE': '最后一行的引号没有闭合（文件可能被截断）',
};

const enReasons: Record<keyof typeof zhReasons, string> = {
  'MISSING COLUMNS': 'fewer fields than the header',
  'TOO MANY COLUMNS': 'more fields than the header',
  CAST: 'value does not fit the column type',
  'UNQUOTED VALUE': 'a quote is not closed properly',
  'LINE SIZE OVER MAXIMUM':
    'line too long (over the 2 MB the reader takes: a large text stored by mistake, or a quote that never closes)',
  'INVALID UNICODE': 'invalid text encoding (check the encoding)',
  'INVALID ENCODING': 'bytes that are not UTF-8 (check the encoding)',
  'NUL BYTES': 'NUL bytes (the file may be damaged)',
  'UNCLOSED QUOTE': 'the last line opens a quote that never closes (the file may be cut off)',
};

/** File roles as a problem names them (`manifest.needsTime`). */
const zhRoles = { events: '事件', orders: '订单', users: '用户', identity: 'ID 映射' };
const enRoles: Record<keyof typeof zhRoles, string> = {
  events: 'events',
  orders: 'orders',
  users: 'users',
  identity: 'identity',
};

const catalogues: Record<Locale, Record<ProblemCode, string>> = { zh, en };
const reasons: Record<Locale, Record<string, string>> = { zh: zhReasons, en: enReasons };
const roles: Record<Locale, Record<string, string>> = { zh: zhRoles, en: enRoles };
const sourceSeparator: Record<Locale, string> = { zh: '：', en: ': ' };

function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(zh, code);
}

const unknownReason: Record<Locale, string> = { zh: '这一行无法读取', en: 'the line could not be read' };

/** A reason DuckDB gave for skipping a CSV line, in words (a plain one for a reason not known here). */
export function formatRejectionReason(locale: Locale, reason: string): string {
  return reasons[locale][reason] ?? unknownReason[locale];
}

/**
 * A problem in words. Values named `reason` (DuckDB's rejection type) and `role` are
 * translated too; a problem found inside a named source (`vars.source`, a manifest) is
 * shown after that name. An unknown code is shown as it is, with its values.
 */
export function formatProblem(locale: Locale, problem: Problem): string {
  if (!isProblemCode(problem.code)) {
    const values = Object.entries(problem.vars ?? {}).map(([k, v]) => `${k}: ${v}`);
    return values.length ? `${problem.code} (${values.join(', ')})` : problem.code;
  }
  const { source, ...vars } = problem.vars ?? {};
  if (typeof vars.reason === 'string') vars.reason = formatRejectionReason(locale, vars.reason);
  if (typeof vars.role === 'string') vars.role = roles[locale][vars.role] ?? vars.role;
  const text = formatMessage(catalogues[locale][problem.code], vars);
  return source === undefined ? text : `${source}${sourceSeparator[locale]}${text}`;
}
