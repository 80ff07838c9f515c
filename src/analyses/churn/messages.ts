import { defineMessages } from '../messages';

/** The churn screen's labels, in both languages. */
export const churnMessages = defineMessages(
  {
    'nav.churn': '流失',
    'churn.coreEvent': '活跃口径',
    'churn.anyEvent': '任意事件',
    'churn.threshold': '流失阈值 L（天）',
    'churn.thresholdAuto': '按数据建议',
    'churn.badThreshold': '流失阈值 L 必须是 1 到 3650 之间的整数天数（当前为“{value}”）。',
    'churn.badDate': '“{field}”必须是 YYYY-MM-DD 格式的日期（当前为“{value}”）。',
    'churn.missingEvent': '事件“{event}”在当前数据中不存在（可能已重新导入），请重新选择。',
    'churn.badAlpha': '倍数 α 必须是 1 到 100 之间的数（当前为“{value}”）。',
    'churn.badPAlive': 'P(存活) 阈值必须是 0 到 1 之间的数，或 off（当前为“{value}”）。',
    'churn.asOf': '截至日期',
    'churn.days': '{n} 天',

    'churn.gaps.title': '流失阈值：相邻活跃日的间隔',
    'churn.gaps.proposed':
      '建议阈值 L = {l} 天：重复活跃用户相邻两个活跃日之间间隔的第 90 百分位（共 {gaps} 个间隔，中位数 {median} 天）。',
    'churn.gaps.used': '当前使用 L = {l} 天（手动设置）。',
    'churn.gaps.none': '没有用户在两个以上的日子活跃过，无法从数据建议阈值；请手动填写 L。',
    'churn.gaps.x': '间隔（天）',
    'churn.gaps.y': '间隔数',
    'churn.gaps.rule': 'L = {l}',
    'churn.gaps.definition':
      '间隔 = 同一用户相邻两个活跃日相差的天数（按 {tz} 时区的自然日；活跃 = 当天至少有一次{events}）。建议阈值 L 取所有间隔的第 90 百分位（离散：至少 90% 的间隔不超过它的最小间隔）。超过 L 天没有活跃的用户视为流失。',

    'churn.status.title': '已流失用户',
    'churn.status.users': '活跃过的用户',
    'churn.status.asOf': '截至 {date}',
    'churn.status.churned': '已流失（超过 {l} 天未活跃）',
    'churn.status.notChurned': '未流失',
    'churn.status.definition':
      '截至所选日期 t（默认为数据最后一天），在 t 及之前活跃过的用户中，最后一次活跃距 t 超过 L 天的算已流失（按 {tz} 时区的自然日）。',

    'churn.rate.title': '流失率与召回率',
    'churn.rate.churn': '流失率',
    'churn.rate.recall': '召回率',
    'churn.rate.y': '比例',
    'churn.rate.definition':
      '按 {tz} 时区的{grain}。流失率(k) = 第 k−1 期活跃而第 k 期未活跃的用户 / 第 k−1 期活跃的用户。召回率(k) = 第 k 期开始时已流失（上次活跃距该期第一天超过 L = {l} 天）的用户中，在第 k 期活跃的比例。浅色点所在周期不完整（超出数据范围）。',

    'churn.stages.title': '用户阶段：新增 / 活跃 / 沉默 / 流失 / 召回',
    'churn.stages.silent': '沉默阈值 S（天）',
    'churn.stages.new': '新增',
    'churn.stages.active': '活跃',
    'churn.stages.silentStage': '沉默',
    'churn.stages.churned': '流失',
    'churn.stages.recalled': '召回',
    'churn.stages.using': '每期期末的用户阶段，S = {s} 天，L = {l} 天。',
    'churn.stages.definition':
      '在每个{grain}的最后一天 t（最后一期为数据最后一天），每个在 t 及之前活跃过的用户恰好属于一个阶段：新增 = 本期创建（有注册时间用注册时间，否则用首次活跃）；召回 = 不是新增、本期活跃、且本期开始时已流失（上次活跃距本期第一天超过 L 天）；其余按距 t 的未活跃天数 d：活跃 d ≤ S，沉默 S < d ≤ L，流失 d > L。S 默认取相邻活跃日间隔的中位数（且小于 L）。按 {tz} 时区的自然日。',
    'churn.badSilent': '沉默阈值 S 必须是小于流失阈值 L（{l}）的正整数天数（当前为“{value}”）。',

    'churn.risk.title': '流失预警',
    'churn.risk.alpha': '倍数 α',
    'churn.risk.pAlive': 'P(存活) 低于',
    'churn.risk.pAliveOff': '不用',
    'churn.risk.count': '截至 {date}，{n} 个尚未流失的用户被预警。',
    'churn.risk.none': '截至 {date}，没有用户触发预警规则。',
    'churn.risk.user': '用户',
    'churn.risk.lastActive': '最后活跃',
    'churn.risk.daysSince': '未活跃天数',
    'churn.risk.medianGap': '通常间隔（中位数）',
    'churn.risk.pAliveCol': 'P(存活)',
    'churn.risk.reason': '预警原因',
    'churn.risk.overdue': '已 {days} 天未活跃，是其通常间隔（{gap} 天）的 {ratio} 倍（阈值 {alpha} 倍）',
    'churn.risk.lowPAlive': 'BG/NBD 估计仍为活跃客户的概率只有 {p}（阈值 {threshold}）',
    'churn.risk.note.no-purchases': '数据中没有带金额的事件，未使用 P(存活) 规则。',
    'churn.risk.note.no-fit': 'BG/NBD 模型无法在这份数据上拟合（见下方 BG/NBD 面板），未使用 P(存活) 规则。',
    'churn.risk.note.as-of-outside': '截至日期不在购买数据范围内，未使用 P(存活) 规则。',
    'churn.risk.segmentName': '流失预警 {date}',
    'churn.risk.download': '下载预警名单 CSV',
    'churn.risk.sortBy': '按{column}排序',
    'churn.risk.definition':
      '截至 {date}，尚未流失（距最后一次活跃不超过 L = {l} 天）的用户中，满足任一规则即预警：① 未活跃天数 > α × 该用户自己相邻活跃日间隔的中位数（至少有 2 个间隔，α = {alpha}）；② 购买数据：BG/NBD 模型（按周，以截至日期为校准期末）估计的 P(存活) 低于 {p}。每个用户列出触发的规则作为原因。',

    'churn.bgnbd.title': 'BG/NBD：客户仍“存活”的概率与预期购买',
    'churn.bgnbd.calibrationEnd': '校准期末',
    'churn.bgnbd.unit': '时间单位',
    'churn.bgnbd.unitDay': '天',
    'churn.bgnbd.unitWeek': '周',
    'churn.bgnbd.horizon': '预测期数',
    'churn.bgnbd.badHorizon': '预测期数必须是 1 到 3650 之间的整数（当前为“{value}”）。',
    'churn.bgnbd.summary':
      '{customers} 个客户（其中 {repeat} 个有重复购买），校准期截至 {end}；{iterations} 次迭代收敛，用时 {ms} 毫秒。新客户预计在 {horizon} {unit}内购买 {newExpected} 次。',
    'churn.bgnbd.parameter': '参数',
    'churn.bgnbd.value': '估计值',
    'churn.bgnbd.se': '标准误',
    'churn.bgnbd.ll': '对数似然',
    'churn.bgnbd.seNote.hessian-not-finite': '未给出标准误：最大值处的 Hessian 矩阵无法计算（出现非有限值）。',
    'churn.bgnbd.seNote.hessian-not-positive-definite':
      '未给出标准误：最大值处的 Hessian 矩阵不是正定的（似然在该点附近过于平坦）。',
    'churn.bgnbd.pAliveChart': '客户的 P(存活) 分布',
    'churn.bgnbd.pAliveX': 'P(存活)',
    'churn.bgnbd.customersY': '客户数',
    'churn.bgnbd.holdoutChart': '验证：保留期（{from} 之后 {length} {unit}）内的实际与预期重复购买，按校准期重复购买次数分组',
    'churn.bgnbd.holdoutX': '校准期重复购买次数 x',
    'churn.bgnbd.holdoutY': '保留期人均购买次数',
    'churn.bgnbd.actual': '实际',
    'churn.bgnbd.expected': '模型预期',
    'churn.bgnbd.noHoldout': '校准期截至数据最后一天，没有保留期可以验证；在 URL 中设置更早的 calibrationEnd 即可看到验证图。',
    'churn.bgnbd.noPurchases':
      'BG/NBD 需要购买数据：带金额的事件（订单文件，或事件文件中指定了金额列）。当前数据没有任何带金额的事件。',
    'churn.bgnbd.noRepeat':
      'BG/NBD 需要至少一部分客户在校准期内有重复购买（不同日期的第二次购买）；当前 {customers} 个客户在校准期内都只购买过一次。请使用更晚的校准期末或更长时间的数据。',
    'churn.bgnbd.tooFewCustomers': 'BG/NBD 至少需要 {minimum} 个客户，校准期内只有 {customers} 个。',
    'churn.bgnbd.calibrationOutside':
      '校准期末 {calibrationEnd} 不在数据范围内：应在第一次购买（{from}）与数据最后一天（{to}）之间。',
    'churn.bgnbd.notConverged':
      '模型没有收敛，因此不显示参数：已从 {starts} 个起点尝试 BFGS（及 Nelder–Mead），共 {iterations} 次迭代；最好的对数似然为 {logLikelihood}，梯度范数 {gradientNorm}。',
    'churn.bgnbd.notConvergedBound': '参数 {atBound} 趋向边界（似然在参数空间边缘仍在上升，没有内部最大值）。',
    'churn.bgnbd.invalidSummary': '第 {index} 个客户的汇总无效（{field}）。',
    'churn.bgnbd.cancelled': '拟合已取消。',
    'churn.bgnbd.definition':
      'BG/NBD（Fader、Hardie 与 Lee 2005）。购买 = 带金额的事件；同一客户同一天（{tz} 时区）的多次购买算一次。每个客户：x = 校准期内的重复购买次数，t_x = 首次到最后一次购买的时间，T = 首次购买到校准期末（{end}）的时间，单位为{unit}。参数 r、α、a、b 用最大似然估计（对数参数，BFGS，失败时 Nelder–Mead），在后台线程计算。P(存活) = 1 / (1 + [x>0]·a/(b+x−1)·((α+T)/(α+t_x))^(r+x))；注意：在这个模型下，没有重复购买的客户（x = 0）的 P(存活) 总是 1，因为只有在一次购买之后客户才可能流失。预期购买 = 未来 {horizon} {unit}内的条件期望购买次数（需要高斯超几何函数 2F1，级数求和）。',
  },
  {
    'nav.churn': 'Churn',
    'churn.coreEvent': 'Active on',
    'churn.anyEvent': 'any event',
    'churn.threshold': 'Churn threshold L (days)',
    'churn.thresholdAuto': 'proposed from the data',
    'churn.badThreshold': 'The churn threshold L must be a whole number of days from 1 to 3650 (it is "{value}").',
    'churn.badDate': '"{field}" must be a date written YYYY-MM-DD (it is "{value}").',
    'churn.missingEvent': 'The event "{event}" is not in the data loaded now (re-imported?). Choose another one.',
    'churn.badAlpha': 'The factor α must be a number from 1 to 100 (it is "{value}").',
    'churn.badPAlive': 'The P(alive) threshold must be a number between 0 and 1, or off (it is "{value}").',
    'churn.asOf': 'As of',
    'churn.days': '{n} days',

    'churn.gaps.title': 'Churn threshold: gaps between active days',
    'churn.gaps.proposed':
      "Proposed threshold L = {l} days: the 90th percentile of the gaps between a repeat user's consecutive active days ({gaps} gaps, median {median} days).",
    'churn.gaps.used': 'Using L = {l} days (set by hand).',
    'churn.gaps.none': 'No user was active on more than one day, so the data proposes no threshold; set L by hand.',
    'churn.gaps.x': 'Gap (days)',
    'churn.gaps.y': 'Gaps',
    'churn.gaps.rule': 'L = {l}',
    'churn.gaps.definition':
      "A gap = the days between a user's two consecutive active days (calendar days in {tz}; active = at least one {events} that day). The proposed threshold L is the 90th percentile of all gaps (discrete: the smallest gap with at least 90% of gaps at or below it). A user inactive for more than L days counts as churned.",

    'churn.status.title': 'Churned users',
    'churn.status.users': 'Users ever active',
    'churn.status.asOf': 'as of {date}',
    'churn.status.churned': 'Churned (inactive for more than {l} days)',
    'churn.status.notChurned': 'Not churned',
    'churn.status.definition':
      "As of the chosen day t (the data's last day by default), of the users active on or before t, those last active more than L days before t have churned (calendar days in {tz}).",

    'churn.rate.title': 'Churn rate and recall rate',
    'churn.rate.churn': 'Churn rate',
    'churn.rate.recall': 'Recall rate',
    'churn.rate.y': 'Rate',
    'churn.rate.definition':
      'Per {grain} in {tz}. Churn rate(k) = users active in period k−1 and not in k / users active in k−1. Recall rate(k) = of the users churned at the start of period k (last active more than L = {l} days before its first day), the share active in k. Pale points are incomplete periods (reaching past the data).',

    'churn.stages.title': 'Stages: new / active / silent / churned / recalled',
    'churn.stages.silent': 'Silence threshold S (days)',
    'churn.stages.new': 'New',
    'churn.stages.active': 'Active',
    'churn.stages.silentStage': 'Silent',
    'churn.stages.churned': 'Churned',
    'churn.stages.recalled': 'Recalled',
    'churn.stages.using': 'Stages at the end of each period, S = {s} days, L = {l} days.',
    'churn.stages.definition':
      "At the last day t of each {grain} (the data's last day for the last one), every user active on or before t is in exactly one stage: new = created in the period (signup time when known, else the first activity); recalled = not new, active in the period, and churned at its start (last active more than L days before its first day); the others by the days d since their last activity at t: active d ≤ S, silent S < d ≤ L, churned d > L. S is the median gap between active days unless set (and below L). Calendar days in {tz}.",
    'churn.badSilent':
      'The silence threshold S must be a whole number of days below the churn threshold L ({l}) (it is "{value}").',

    'churn.risk.title': 'At-risk users (early warning)',
    'churn.risk.alpha': 'Factor α',
    'churn.risk.pAlive': 'P(alive) below',
    'churn.risk.pAliveOff': 'off',
    'churn.risk.count': 'As of {date}, {n} users not yet churned are flagged.',
    'churn.risk.none': 'As of {date}, no user meets a warning rule.',
    'churn.risk.user': 'User',
    'churn.risk.lastActive': 'Last active',
    'churn.risk.daysSince': 'Days inactive',
    'churn.risk.medianGap': 'Usual gap (median)',
    'churn.risk.pAliveCol': 'P(alive)',
    'churn.risk.reason': 'Reason',
    'churn.risk.overdue': 'inactive for {days} days, {ratio}× their usual gap of {gap} days (flagged above {alpha}×)',
    'churn.risk.lowPAlive': 'BG/NBD puts the chance they are still a customer at only {p} (flagged below {threshold})',
    'churn.risk.note.no-purchases': 'The data has no events with an amount, so the P(alive) rule is not used.',
    'churn.risk.note.no-fit': 'BG/NBD cannot be fitted on this data (see the BG/NBD panel), so the P(alive) rule is not used.',
    'churn.risk.note.as-of-outside': 'The as-of day is outside the purchase data, so the P(alive) rule is not used.',
    'churn.risk.segmentName': 'At risk as of {date}',
    'churn.risk.download': 'Download the at-risk list (CSV)',
    'churn.risk.sortBy': 'Sort by {column}',
    'churn.risk.definition':
      "As of {date}, users not yet churned (last active at most L = {l} days before) are flagged by any of: (1) days inactive > α × the median of the user's own gaps between active days (with at least 2 gaps; α = {alpha}); (2) for purchase data, P(alive) from BG/NBD (in weeks, calibration ending on the as-of day) below {p}. Each user lists the rules that flagged them as reasons.",

    'churn.bgnbd.title': 'BG/NBD: probability a customer is still alive, and expected purchases',
    'churn.bgnbd.calibrationEnd': 'Calibration end',
    'churn.bgnbd.unit': 'Time unit',
    'churn.bgnbd.unitDay': 'days',
    'churn.bgnbd.unitWeek': 'weeks',
    'churn.bgnbd.horizon': 'Periods ahead',
    'churn.bgnbd.badHorizon': 'The periods ahead must be a whole number from 1 to 3650 (it is "{value}").',
    'churn.bgnbd.summary':
      '{customers} customers ({repeat} with repeat purchases), calibration up to {end}; converged in {iterations} iterations, {ms} ms. A new customer is expected to buy {newExpected} times in {horizon} {unit}.',
    'churn.bgnbd.parameter': 'Parameter',
    'churn.bgnbd.value': 'Estimate',
    'churn.bgnbd.se': 'Standard error',
    'churn.bgnbd.ll': 'Log-likelihood',
    'churn.bgnbd.seNote.hessian-not-finite':
      'No standard errors: the Hessian at the maximum could not be computed (non-finite values).',
    'churn.bgnbd.seNote.hessian-not-positive-definite':
      'No standard errors: the Hessian at the maximum is not positive definite (the likelihood is too flat there).',
    'churn.bgnbd.pAliveChart': 'Customers by P(alive)',
    'churn.bgnbd.pAliveX': 'P(alive)',
    'churn.bgnbd.customersY': 'Customers',
    'churn.bgnbd.holdoutChart':
      'Check: actual and expected repeat purchases in the holdout ({length} {unit} after {from}), by repeat purchases in the calibration period',
    'churn.bgnbd.holdoutX': 'Repeat purchases in calibration, x',
    'churn.bgnbd.holdoutY': 'Purchases per customer in holdout',
    'churn.bgnbd.actual': 'Actual',
    'churn.bgnbd.expected': 'Expected by the model',
    'churn.bgnbd.noHoldout':
      "The calibration ends on the data's last day, so there is no holdout to check against; set an earlier calibrationEnd in the URL to see the check.",
    'churn.bgnbd.noPurchases':
      'BG/NBD needs purchase data: events with an amount (an orders file, or an events file with an amount column). This data has no event with an amount.',
    'churn.bgnbd.noRepeat':
      'BG/NBD needs some customers with a repeat purchase (a second purchase on another day) in the calibration period; all {customers} customers bought only once. Choose a later calibration end or load a longer period.',
    'churn.bgnbd.tooFewCustomers': 'BG/NBD needs at least {minimum} customers; the calibration period has {customers}.',
    'churn.bgnbd.calibrationOutside':
      "The calibration end {calibrationEnd} is outside the data: it must lie between the first purchase ({from}) and the data's last day ({to}).",
    'churn.bgnbd.notConverged':
      'The fit did not converge, so no parameters are shown: BFGS (and Nelder–Mead) was tried from {starts} starting points, {iterations} iterations in all; the best log-likelihood reached was {logLikelihood}, gradient norm {gradientNorm}.',
    'churn.bgnbd.notConvergedBound':
      'Parameter {atBound} runs off to the edge (the likelihood keeps rising at the edge of the parameter space: there is no interior maximum).',
    'churn.bgnbd.invalidSummary': 'The summary of customer {index} is invalid ({field}).',
    'churn.bgnbd.cancelled': 'The fit was cancelled.',
    'churn.bgnbd.definition':
      "BG/NBD (Fader, Hardie & Lee 2005). A purchase = an event with an amount; a customer's purchases on one day (in {tz}) are one occasion. Per customer: x = repeat purchases in the calibration period, t_x = time from the first to the last purchase, T = time from the first purchase to the calibration end ({end}), in {unit}. r, α, a and b are fitted by maximum likelihood (log-parameters, BFGS, Nelder–Mead if that fails) in the background worker. P(alive) = 1 / (1 + [x>0]·a/(b+x−1)·((α+T)/(α+t_x))^(r+x)); note that under this model a customer with no repeat purchase (x = 0) always gets P(alive) = 1, since customers can only drop out right after a purchase. Expected purchases = the conditional expected number of purchases in the next {horizon} {unit} (needs the Gauss hypergeometric function 2F1, summed as a series).",
  },
);
