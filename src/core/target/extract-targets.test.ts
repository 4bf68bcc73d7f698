import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractTargets } from './extract-targets.ts';
import { seedImplementationParagraphs, seedParagraphs } from './fixtures/seed-paragraphs.ts';
import type { Target, TargetKind, TargetOp } from './target.types.ts';

const seed = readFileSync(new URL('../../../plans/zibo-14th-fyp-women-children-plans.txt', import.meta.url), 'utf8');
const paragraphs = seedParagraphs(seed);

type Expected = Pick<Target, 'indicator' | 'kind' | 'op' | 'value' | 'unit' | 'baseYear'> &
  Partial<Pick<Target, 'scope' | 'ratio' | 'direction' | 'reference'>>;

function t(
  indicator: string,
  kind: TargetKind,
  op: TargetOp | null,
  value: number | null,
  unit: string | null,
  extra: Partial<Expected> = {},
): Expected {
  return { indicator, kind, op, value, unit, baseYear: null, ...extra };
}

/** The fields a reviewer checks; optional fields only when present. */
function shape(target: Target): Expected {
  const out: Expected = {
    indicator: target.indicator,
    kind: target.kind,
    op: target.op,
    value: target.value,
    unit: target.unit,
    baseYear: target.baseYear,
  };
  if (target.scope !== undefined) out.scope = target.scope;
  if (target.ratio !== undefined) out.ratio = target.ratio;
  if (target.direction !== undefined) out.direction = target.direction;
  if (target.reference !== undefined) out.reference = target.reference;
  return out;
}

const numeric = (targets: Target[]) => targets.filter((x) => x.kind !== 'trend');

/**
 * Every numeric target of section 三 of both plans: the sentence as it stands in the seed → the targets read from it.
 * Reviewed by hand against the seed (grep -n '[0-9]' on section 三).
 */
const SEED_TABLE: Array<['goal' | 'measure', string, Expected[]]> = [
  // 妇女 1 目标（2）
  ['goal', '孕产妇死亡率控制在8.2/10万以下，城乡、区域差距逐步缩小', [
    t('孕产妇死亡率', 'threshold', '<=', 8.2, '1/10万'),
  ]],
  // 妇女 1 目标（3）
  ['goal', '妇女常见病筛查率达到85%以上', [
    t('妇女常见病筛查率', 'threshold', '>=', 85, '%'),
  ]],
  // 妇女 1 目标（3）
  ['goal', '35—64岁适龄妇女宫颈癌、乳腺癌人群筛查率分别达到85%以上', [
    t('35—64岁适龄妇女宫颈癌人群筛查率', 'threshold', '>=', 85, '%'),
    t('35—64岁适龄妇女乳腺癌人群筛查率', 'threshold', '>=', 85, '%'),
  ]],
  // 妇女 1 目标（4）
  ['goal', '减少艾滋病、梅毒和乙肝母婴传播，艾滋病母婴传播率下降到3%以下', [
    t('艾滋病母婴传播率', 'threshold', '<=', 3, '%'),
  ]],
  // 妇女 1 措施（2）
  ['measure', '市、区县均建立危重孕产妇救治中心和1所政府举办、标准化妇幼保健机构', [
    t('政府举办、标准化妇幼保健机构', 'count', '>=', 1, '所', { scope: '市、区县' }),
  ]],
  // 妇女 1 措施（4）
  ['measure', '提供生育全程基本医疗保健服务，将孕产妇健康管理纳入基本公共服务范围，孕产妇系统管理率达到90%以上', [
    t('孕产妇系统管理率', 'threshold', '>=', 90, '%'),
  ]],
  // 妇女 1 措施（6）
  ['measure', '提高妇女宫颈癌和乳腺癌自我防控意识，防控知识知晓率达到90%以上', [
    t('防控知识知晓率', 'threshold', '>=', 90, '%'),
  ]],
  // 妇女 1 措施（6）
  ['measure', '强化筛查和后续诊治服务的衔接，促进早诊早治，确诊宫颈癌的患病妇女得到治疗的比例超过90%', [
    t('确诊宫颈癌的患病妇女得到治疗的比例', 'threshold', '>', 90, '%'),
  ]],
  // 妇女 1 措施（7）
  ['measure', '全面落实预防艾滋病、梅毒和乙肝母婴传播综合干预措施，孕早期检测率达70%以上，孕产妇艾滋病、梅毒和乙肝检测率达到95%以上，艾滋病、梅毒孕产妇感染者治疗率达95%以上，对所生儿童进行规范干预', [
    t('孕早期检测率', 'threshold', '>=', 70, '%'),
    t('孕产妇艾滋病、梅毒和乙肝检测率', 'threshold', '>=', 95, '%'),
    t('艾滋病、梅毒孕产妇感染者治疗率', 'threshold', '>=', 95, '%'),
  ]],
  // 妇女 2 目标（3）
  ['goal', '女童平等接受学前教育，学前3年毛入园率达到99%以上', [
    t('学前3年毛入园率', 'threshold', '>=', 99, '%'),
  ]],
  // 妇女 2 目标（3）
  ['goal', '女童平等接受义务教育，义务教育巩固率保持在98%以上', [
    t('义务教育巩固率', 'threshold', '>=', 98, '%'),
  ]],
  // 妇女 2 目标（4）
  ['goal', '女性平等接受高中阶段教育，高中阶段教育毛入学率达到98%', [
    t('高中阶段教育毛入学率', 'threshold', '>=', 98, '%'),
  ]],
  // 妇女 3 目标（2）
  ['goal', '就业人员中的女性比例保持在45%左右', [
    t('就业人员中的女性比例', 'approx', '=', 45, '%'),
  ]],
  // 妇女 3 目标（3）
  ['goal', '城镇单位就业人员中的女性比例达到40%左右', [
    t('城镇单位就业人员中的女性比例', 'approx', '=', 40, '%'),
  ]],
  // 妇女 3 目标（5）
  ['goal', '倡导实现高级专业技术人员中的女性比例达到40%左右，促进女性劳动者提升职业技能水平', [
    t('高级专业技术人员中的女性比例', 'approx', '=', 40, '%'),
  ]],
  // 妇女 4 目标（2）
  ['goal', '中国共产党全市各级党员代表大会中女党员代表比例一般不低于本地区党员总数中女性比例', [
    t('中国共产党全市各级党员代表大会中女党员代表比例', 'threshold', '>=', null, null, { reference: '本地区党员总数中女性比例' }),
  ]],
  // 妇女 4 目标（4）
  ['goal', '市委、市人大、市政府、市政协和各区县党委、政府领导班子至少各配备1名女干部', [
    t('女干部', 'count', '>=', 1, '名', { scope: '市委、市人大、市政府、市政协和各区县党委、政府领导班子' }),
  ]],
  // 妇女 4 目标（5）
  ['goal', '全市范围内，区县党政正职中至少配备1名女干部', [
    t('女干部', 'count', '>=', 1, '名', { scope: '区县党政正职' }),
  ]],
  // 妇女 4 目标（6）
  ['goal', '市及区县党政工作部门，应保证一半以上的领导班子配备女干部，其中担任正职的一般不少于3人', [
    t('配备女干部的领导班子比例', 'threshold', '>=', 50, '%', { scope: '市及区县党政工作部门' }),
    t('担任正职的女干部', 'count', '>=', 3, '人', { scope: '市及区县党政工作部门' }),
  ]],
  // 妇女 4 目标（9）
  ['goal', '村委会成员中女性比例保持在30%以上，村委会主任中女性比例逐步提高', [
    t('村委会成员中女性比例', 'threshold', '>=', 30, '%'),
  ]],
  // 妇女 4 目标（10）
  ['goal', '社区居委会成员中女性比例保持在50%左右，社区居委会主任中女性比例达到35%左右', [
    t('社区居委会成员中女性比例', 'approx', '=', 50, '%'),
    t('社区居委会主任中女性比例', 'approx', '=', 35, '%'),
  ]],
  // 妇女 5 目标（3）
  ['goal', '妇女基本医疗保险参保率稳定在95%以上，待遇保障公平适度', [
    t('妇女基本医疗保险参保率', 'threshold', '>=', 95, '%'),
  ]],
  // 妇女 5 目标（4）
  ['goal', '符合参保条件的妇女基本养老保险参保率达到95%，待遇水平稳步提高', [
    t('符合参保条件的妇女基本养老保险参保率', 'threshold', '>=', 95, '%'),
  ]],
  // 妇女 7 目标（4）
  ['goal', '注重发挥家庭家教家风在基层社会治理中的重要作用，推动有常住庭院户的村（居）“美家超市”全覆盖', [
    t('有常住庭院户的村（居）“美家超市”覆盖率', 'threshold', '>=', 100, '%'),
  ]],
  // 妇女 8 目标（7）
  ['goal', '农村自来水普及率稳定在95%以上，城市集中式饮用水水源地水质达标率为100%', [
    t('农村自来水普及率', 'threshold', '>=', 95, '%'),
    t('城市集中式饮用水水源地水质达标率', 'threshold', '>=', 100, '%'),
  ]],
  // 妇女 8 措施（9）
  ['measure', '充分考虑妇女生理特点，在超市、场馆、商场等公共场所的建设规划，女性厕位与男性厕位的比例至少为3：2，人流量较大地区提高到2：1', [
    t('女性厕位与男性厕位的比例', 'ratio', '>=', 1.5, null, { ratio: [3,2] }),
    t('女性厕位与男性厕位的比例', 'ratio', '>=', 2, null, { scope: '人流量较大地区', ratio: [2,1] }),
  ]],
  // 儿童 1 目标（3）
  ['goal', '新生儿、婴儿和5岁以下儿童死亡率分别控制在3‰、3.3‰和4‰以下，城乡差距逐步缩小', [
    t('新生儿死亡率', 'threshold', '<=', 3, '‰'),
    t('婴儿死亡率', 'threshold', '<=', 3.3, '‰'),
    t('5岁以下儿童死亡率', 'threshold', '<=', 4, '‰'),
  ]],
  // 儿童 1 目标（6）
  ['goal', '适龄儿童国家免疫规划疫苗接种率以镇（街道）为单位保持在90%以上', [
    t('适龄儿童国家免疫规划疫苗接种率', 'threshold', '>=', 90, '%', { scope: '以镇（街道）为单位' }),
  ]],
  // 儿童 1 目标（7）
  ['goal', '5岁以下儿童贫血率和生长迟缓率分别控制在4%和1.8%以下，儿童超重、肥胖上升趋势得到有效控制', [
    t('5岁以下儿童贫血率', 'threshold', '<=', 4, '%'),
    t('5岁以下儿童生长迟缓率', 'threshold', '<=', 1.8, '%'),
  ]],
  // 儿童 1 目标（8）
  ['goal', '儿童新发近视率明显下降，儿童总体近视率平均每年降低1个百分点以上', [
    t('儿童总体近视率', 'annual_change', '>=', 1, '百分点', { direction: 'decrease' }),
  ]],
  // 儿童 1 目标（8）
  ['goal', '0-6岁儿童眼保健和视力检查覆盖率达到98%以上', [
    t('0-6岁儿童眼保健和视力检查覆盖率', 'threshold', '>=', 98, '%'),
  ]],
  // 儿童 1 目标（9）
  ['goal', '12岁儿童龋患率控制在30%以内', [
    t('12岁儿童龋患率', 'threshold', '<=', 30, '%'),
  ]],
  // 儿童 1 目标（10）
  ['goal', '增强儿童体质，中小学生国家学生体质健康标准达标优良率达到52%以上', [
    t('中小学生国家学生体质健康标准达标优良率', 'threshold', '>=', 52, '%'),
  ]],
  // 儿童 1 措施（1）
  ['measure', '加大对儿童医疗卫生与健康事业的投入力度，市、区县均设立1所政府举办、标准化妇幼保健机构', [
    t('政府举办、标准化妇幼保健机构', 'count', '>=', 1, '所', { scope: '市、区县' }),
  ]],
  // 儿童 1 措施（1）
  ['measure', '每千名儿童拥有儿科执业（助理）医生0.85名、床位增至2.2张，每所乡镇卫生院、社区卫生服务中心至少配备1名提供规范儿童基本医疗服务的全科医生和儿童保健的医生', [
    t('每千名儿童儿科执业（助理）医生数', 'threshold', '>=', 0.85, '名/千名儿童'),
    t('每千名儿童床位数', 'threshold', '>=', 2.2, '张/千名儿童'),
    t('提供规范儿童基本医疗服务的全科医生和儿童保健的医生', 'count', '>=', 1, '名', { scope: '每所乡镇卫生院、社区卫生服务中心' }),
  ]],
  // 儿童 1 措施（2）
  ['measure', '扎实开展0-6岁儿童健康管理工作，3岁以下儿童系统管理率和7岁以下儿童健康管理率保持在90%以上', [
    t('3岁以下儿童系统管理率', 'threshold', '>=', 90, '%'),
    t('7岁以下儿童健康管理率', 'threshold', '>=', 90, '%'),
  ]],
  // 儿童 1 措施（4）
  ['measure', '加强新生儿规范化访视，新生儿访视率保持在90%以上', [
    t('新生儿访视率', 'threshold', '>=', 90, '%'),
  ]],
  // 儿童 1 措施（8）
  ['measure', '强化爱婴医院管理，0-6个月婴儿纯母乳喂养率达到50％以上，普及6月龄以上儿童合理添加辅食的知识技能', [
    t('0-6个月婴儿纯母乳喂养率', 'threshold', '>=', 50, '%'),
  ]],
  // 儿童 1 措施（9）
  ['measure', '儿童每天接触户外自然光不少于1小时', [
    t('儿童每天接触户外自然光时间', 'threshold', '>=', 1, '小时'),
  ]],
  // 儿童 1 措施（11）
  ['measure', '实施校园健身行动计划，推进阳光体育运动，开足开齐体育与健康课，支持儿童参加各类全民健身活动赛事，培养儿童良好运动习惯，保障儿童每天累计运动至少1小时，熟练掌握1项以上受益终身的运动技能', [
    t('儿童每天累计运动时间', 'threshold', '>=', 1, '小时'),
    t('受益终身的运动技能', 'count', '>=', 1, '项'),
  ]],
  // 儿童 1 措施（11）
  ['measure', '指导家庭合理安排儿童作息，保证每天小学生10小时、初中生9小时、高中生8小时睡眠时间', [
    t('小学生每天睡眠时间', 'threshold', '>=', 10, '小时'),
    t('初中生每天睡眠时间', 'threshold', '>=', 9, '小时'),
    t('高中生每天睡眠时间', 'threshold', '>=', 8, '小时'),
  ]],
  // 儿童 2 目标（1）
  ['goal', '儿童意外伤害死亡率以2020年为基数下降20%', [
    t('儿童意外伤害死亡率', 'relative_change', '>=', 20, '%', { baseYear: 2020, direction: 'decrease' }),
  ]],
  // 儿童 2 措施（6）
  ['measure', '强化婴幼儿配方乳粉和婴幼儿辅助食品安全监管，建立婴幼儿配方食品生产企业自查和报告制度，婴幼儿配方食品在产企业体系检查覆盖率达到100%，加大婴幼儿配方乳粉产品抽检监测及不合格食品处罚力度，将婴幼儿配方食品质量安全的风险隐患降至最低', [
    t('婴幼儿配方食品在产企业体系检查覆盖率', 'threshold', '>=', 100, '%'),
  ]],
  // 儿童 3 目标（2）
  ['goal', '学前教育毛入园率达到99%以上，公办园和普惠性民办园在园幼儿占比达到85%以上，公办幼儿园在园幼儿占比达到50%以上', [
    t('学前教育毛入园率', 'threshold', '>=', 99, '%'),
    t('公办园和普惠性民办园在园幼儿占比', 'threshold', '>=', 85, '%'),
    t('公办幼儿园在园幼儿占比', 'threshold', '>=', 50, '%'),
  ]],
  // 儿童 3 目标（3）
  ['goal', '九年义务教育巩固率保持在98%', [
    t('九年义务教育巩固率', 'threshold', '>=', 98, '%'),
  ]],
  // 儿童 3 目标（4）
  ['goal', '适龄儿童普遍接受高质量的高中阶段教育，高中阶段毛入学率达到98%', [
    t('高中阶段毛入学率', 'threshold', '>=', 98, '%'),
  ]],
  // 儿童 3 措施（4）
  ['measure', '中小学每学期至少组织1次家庭教育指导和1次家庭教育实践活动，幼儿园每学期至少组织1次家庭教育指导和2次亲子活动', [
    t('家庭教育指导', 'count', '>=', 1, '次', { scope: '中小学每学期' }),
    t('家庭教育实践活动', 'count', '>=', 1, '次', { scope: '中小学每学期' }),
    t('家庭教育指导', 'count', '>=', 1, '次', { scope: '幼儿园每学期' }),
    t('亲子活动', 'count', '>=', 2, '次', { scope: '幼儿园每学期' }),
  ]],
  // 儿童 3 措施（7）
  ['measure', '全面普及学前三年教育，新建、改扩建幼儿园300所以上，推进国家学前教育普及普惠区县建设工作', [
    t('新建、改扩建幼儿园', 'count', '>=', 300, '所'),
  ]],
  // 儿童 3 措施（8）
  ['measure', '实施中小学智慧校园建设工程、优质教育资源共建共享工程，鼓励城乡中小学建设以物联网为基础的创客实验室，进一步加强专递课堂、名师课堂、名校网络课堂应用，实现异地同步教学，争创“基于教学改革、融合信息技术的新型教与学模式”国家级实验区，80%的中小学争创为智慧校园', [
    t('争创为智慧校园的中小学比例', 'threshold', '>=', 80, '%'),
  ]],
  // 儿童 3 措施（9）
  ['measure', '推进中等职业学校特色专业建设，完善中等职业学校与高等职业院校合作办学机制，实施职业院校专业化、特色化建设工程及“淄博工匠”培育工程、技工教育优质校建设工程，深化职业院校混合所有制改革，提升智能仿真公共实习实训基地建设管理水平，打造职业教育创新发展高地，建设省级高水平职业院校5所', [
    t('建设省级高水平职业院校', 'count', '>=', 5, '所'),
  ]],
  // 儿童 4 目标（4）
  ['goal', '婴幼儿照护政策、供给和监督管理体系基本健全，普惠托育服务机构和托位数量持续增加，每千人口3岁以下婴幼儿托位数达到4.5个，家庭婴幼儿照护服务不断规范', [
    t('每千人口3岁以下婴幼儿托位数', 'threshold', '>=', 4.5, '个/千人'),
  ]],
  // 儿童 4 目标（5）
  ['goal', '有康复需求的残疾儿童基本康复服务全覆盖', [
    t('有康复需求的残疾儿童基本康复服务覆盖率', 'threshold', '>=', 100, '%'),
  ]],
  // 儿童 4 目标（7）
  ['goal', '镇（街道）配备儿童督导员，村（社区）配备儿童主任', [
    t('儿童督导员', 'count', '>=', 1, '名', { scope: '镇（街道）' }),
    t('儿童主任', 'count', '>=', 1, '名', { scope: '村（社区）' }),
  ]],
  // 儿童 4 措施（4）
  ['measure', '做好婴幼儿照护服务机构核准登记工作，规划建设一批承担指导功能的综合性照护服务机构和社区照护服务设施，每个区县都建成具有标杆引领作用的托育服务机构', [
    t('具有标杆引领作用的托育服务机构', 'count', '>=', 1, '所', { scope: '每个区县' }),
  ]],
  // 儿童 4 措施（10）
  ['measure', '镇（街道）配备儿童督导员，村（社区）配备儿童主任', [
    t('儿童督导员', 'count', '>=', 1, '名', { scope: '镇（街道）' }),
    t('儿童主任', 'count', '>=', 1, '名', { scope: '村（社区）' }),
  ]],
  // 儿童 4 措施（10）
  ['measure', '支持引导社会力量参与儿童保护和服务工作，通过政府委托、项目合作、重点推介、孵化扶持等方式，积极培育儿童服务类社会组织，各区县引入或孵化至少1家儿童类社会组织', [
    t('儿童类社会组织', 'count', '>=', 1, '家', { scope: '各区县' }),
  ]],
  // 儿童 6 目标（6）
  ['goal', '95%的城市社区和80%的村（社区）建立家长学校或家庭教育指导服务站点', [
    t('建立家长学校或家庭教育指导服务站点的城市社区比例', 'threshold', '>=', 95, '%'),
    t('建立家长学校或家庭教育指导服务站点的村（社区）比例', 'threshold', '>=', 80, '%'),
  ]],
];

/** Deadlines stand in section 四 (组织实施). */
const DEADLINES: Array<[string, Expected[]]> = [
  ['各区县规划颁布后1个月内报送市妇儿工委办公室', [t('各区县规划报送市妇儿工委办公室', 'deadline', null, 1, '个月')]],
  ['县级规划颁布后1个月内报送市妇儿工委办公室', [t('县级规划报送市妇儿工委办公室', 'deadline', null, 1, '个月')]],
];

/** Direction-only targets of the goals: sentence → [indicator, direction]. */
const TREND_TABLE: Array<[string, Array<[string, 'increase' | 'decrease']>]> = [
  ['妇女全生命周期享有良好的卫生健康服务，妇女人均预期寿命延长，人均健康预期寿命提高', [['妇女人均预期寿命', 'increase'], ['人均健康预期寿命', 'increase']]],
  ['孕产妇死亡率控制在8.2/10万以下，城乡、区域差距逐步缩小', [['孕产妇死亡率城乡、区域差距', 'decrease']]],
  ['普及健康知识，提高妇女健康素养水平', [['妇女健康素养水平', 'increase']]],
  ['妇女心理健康素养水平不断提升', [['妇女心理健康素养水平', 'increase']]],
  ['妇女焦虑障碍、抑郁症患病率上升趋势减缓', [['妇女焦虑障碍、抑郁症患病率', 'decrease']]],
  ['提高妇女经常参加体育锻炼的人数比例，提高妇女体质测定标准合格比例', [['妇女经常参加体育锻炼的人数比例', 'increase'], ['妇女体质测定标准合格比例', 'increase']]],
  ['女性科技人才培养力度加大，男女两性科学素质水平差距显著缩小', [['男女两性科学素质水平差距', 'decrease']]],
  ['女性平均受教育年限不断提高', [['女性平均受教育年限', 'increase']]],
  ['女职工职业病发病率明显降低', [['女职工职业病发病率', 'decrease']]],
  ['积极推动有关方面逐步提高各级人大代表和常委会组成人员中的女性比例及各级政协委员和常委中的女性比例', [['各级人大代表和常委会组成人员中的女性比例', 'increase'], ['各级政协委员和常委中的女性比例', 'increase']]],
  ['各级各类事业单位领导班子成员中的女性比例逐步提高', [['各级各类事业单位领导班子成员中的女性比例', 'increase']]],
  ['企业董事会、监事会成员及管理层中女性比例逐步提高', [['企业董事会、监事会成员及管理层中女性比例', 'increase']]],
  ['村党组织成员、村党组织书记中女性比例逐步提高', [['村党组织成员、村党组织书记中女性比例', 'increase']]],
  ['村委会成员中女性比例保持在30%以上，村委会主任中女性比例逐步提高', [['村委会主任中女性比例', 'increase']]],
  ['社区党组织成员、社区党组织书记中女性比例逐步提高', [['社区党组织成员、社区党组织书记中女性比例', 'increase']]],
  ['完善生育保障制度，提高生育保险参保率', [['生育保险参保率', 'increase']]],
  ['完善失业保险和工伤保险制度，提高妇女失业保险和工伤保险参保人数，落实相关待遇保障', [['妇女失业保险和工伤保险参保人数', 'increase']]],
  ['倡导和支持男女共担家务，缩小两性家务劳动时间差距', [['两性家务劳动时间差距', 'decrease']]],
  ['新生儿、婴儿和5岁以下儿童死亡率分别控制在3‰、3.3‰和4‰以下，城乡差距逐步缩小', [['新生儿死亡率城乡差距', 'decrease'], ['婴儿死亡率城乡差距', 'decrease'], ['5岁以下儿童死亡率城乡差距', 'decrease']]],
  ['5岁以下儿童贫血率和生长迟缓率分别控制在4%和1.8%以下，儿童超重、肥胖上升趋势得到有效控制', [['儿童超重、肥胖率', 'decrease']]],
  ['儿童新发近视率明显下降，儿童总体近视率平均每年降低1个百分点以上', [['儿童新发近视率', 'decrease']]],
  ['增强儿童心理健康服务能力，提升儿童心理健康素养水平', [['儿童心理健康素养水平', 'increase']]],
  ['减少溺水隐患，儿童溺水死亡率持续下降', [['儿童溺水死亡率', 'decrease']]],
  ['推广使用儿童安全座椅、安全头盔，儿童道路交通伤害死亡率持续下降', [['儿童道路交通伤害死亡率', 'decrease']]],
  ['学生欺凌事件显著减少', [['学生欺凌事件', 'decrease']]],
  ['婴幼儿照护政策、供给和监督管理体系基本健全，普惠托育服务机构和托位数量持续增加，每千人口3岁以下婴幼儿托位数达到4.5个，家庭婴幼儿照护服务不断规范', [['普惠托育服务机构和托位数量', 'increase']]],
  ['降低未成年犯罪人数占未成年人口数量的比重', [['未成年犯罪人数占未成年人口数量的比重', 'decrease']]],
];

describe('extractTargets on the seed, sentence by sentence', () => {
  it.each(SEED_TABLE)('%s: %s', (source, sentence, expected) => {
    const { targets, unplaced } = extractTargets(sentence, { source });
    expect(numeric(targets).map(shape)).toEqual(expected);
    expect(unplaced).toEqual([]);
  });

  it.each(DEADLINES)('deadline: %s', (sentence, expected) => {
    const { targets } = extractTargets(`${sentence}。`);
    expect(targets.map(shape)).toEqual(expected);
    expect(targets[0]?.indicatorCode).toBeNull();
  });

  it.each(TREND_TABLE)('trend: %s', (sentence, expected) => {
    const trends = extractTargets(sentence, { source: 'goal' }).targets.filter((x) => x.kind === 'trend');
    expect(trends.map((x) => [x.indicator, x.direction])).toEqual(expected);
    for (const x of trends) expect([x.op, x.value, x.unit, x.baseYear]).toEqual([null, null, null, null]);
  });
});

describe('extractTargets on the whole seed', () => {
  const results = paragraphs.map((p) => ({ p, ...extractTargets(p.text, { source: p.kind }) }));
  const all = results.flatMap((r) => r.targets);

  it('cuts the 309 goal and measure paragraphs of section 三', () => {
    expect(paragraphs.filter((p) => p.kind === 'goal')).toHaveLength(77 + 61);
    expect(paragraphs.filter((p) => p.kind === 'measure')).toHaveLength(93 + 78);
  });

  it('finds exactly the numeric targets of the table, no more, no fewer', () => {
    const found = results.flatMap((r) => numeric(r.targets).map((x) => `${r.p.kind}|${JSON.stringify(shape(x))}`));
    const expected = SEED_TABLE.flatMap(([source, , list]) => list.map((x) => `${source}|${JSON.stringify(x)}`));
    expect(found.sort()).toEqual(expected.sort());
  });

  it('finds exactly the trend targets of the trend table, and none in the measures', () => {
    const found = results.flatMap((r) => r.targets.filter((x) => x.kind === 'trend').map((x) => `${x.indicator}|${x.direction}`));
    const expected = TREND_TABLE.flatMap(([, list]) => list.map(([name, d]) => `${name}|${d}`));
    expect(found.sort()).toEqual(expected.sort());
    expect(results.filter((r) => r.p.kind === 'measure').flatMap((r) => r.targets).filter((x) => x.kind === 'trend')).toEqual([]);
  });

  it('yields these numbers of targets by kind', () => {
    const byKind: Record<string, number> = {};
    for (const x of all) byKind[x.kind] = (byKind[x.kind] ?? 0) + 1;
    expect(byKind).toEqual({ threshold: 53, approx: 5, count: 19, ratio: 2, relative_change: 1, annual_change: 1, trend: 32 });
  });

  it('keeps the original phrase of every target inside its paragraph, and the plan end year', () => {
    for (const r of results) {
      for (const x of r.targets) {
        expect(r.p.text).toContain(x.text);
        expect(x.targetYear).toBe(2025);
        expect(x.indicatorCode).toBeNull();
      }
    }
  });

  it('places every number with a unit in a target or in 待核对, and lists exactly three as 待核对', () => {
    // An independent reading of “a number with a unit”: ages (岁, 月龄, 个月 before 婴儿), years and names in
    // quotes or document numbers are not quantities.
    const quantity =
      /一半|\d+(?:\.\d+)?(?:[-—]\d+)?(?:\/10万|‰|%|％|[:：]\d+|个百分点|个月|小时|分钟|名|张|个|所|家|人|次|项|天|年)/g;
    let checked = 0;
    for (const r of results) {
      const covered = [...r.targets.map((x) => x.text), ...r.unplaced.map((u) => u.text)];
      for (const m of r.p.text.matchAll(quantity)) {
        const after = r.p.text.slice(m.index + m[0].length);
        if (/^\d{4}年$/.test(m[0]) || (m[0].endsWith('个月') && /^(?:婴儿|儿童)/.test(after))) continue;
        if (isQuoted(r.p.text, m.index)) continue;
        checked++;
        const inside = covered.some((phrase) => spans(r.p.text, phrase).some(([a, b]) => m.index >= a && m.index < b));
        expect(inside, `“${m[0]}” in ${r.p.plan} ${r.p.domain} ${r.p.kind} (${r.p.ord})`).toBe(true);
      }
    }
    expect(checked).toBe(75);
    const unplaced = results.flatMap((r) => r.unplaced.map((u) => [r.p.plan, r.p.domain, r.p.kind, r.p.ord, u.text]));
    expect(unplaced).toEqual([
      ['women', 5, 'measure', 2, '50%'],
      ['children', 1, 'measure', 8, '1000天'],
      ['children', 3, 'goal', 5, '15年'],
    ]);
    for (const u of results.flatMap((r) => r.unplaced)) {
      expect(u.reason).toMatch(/^待核对：/);
      expect(u.sentence).toContain(u.text);
    }
  });

  it('reads the deadlines of section 四 and nothing else there as a target', () => {
    const found = seedImplementationParagraphs(seed).flatMap((p) => extractTargets(p.text).targets);
    expect(found.map(shape)).toEqual(DEADLINES.flatMap(([, e]) => e));
  });
});

function spans(text: string, phrase: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = text.indexOf(phrase); i !== -1; i = text.indexOf(phrase, i + 1)) out.push([i, i + phrase.length]);
  return out;
}

function isQuoted(text: string, at: number): boolean {
  for (const m of text.matchAll(/“[^”]*”|《[^》]*》|〔[^〕]*〕/g)) if (at > m.index && at < m.index + m[0].length) return true;
  return false;
}

describe('threshold and approx patterns', () => {
  const one = (text: string, source: 'goal' | 'measure' = 'goal') => extractTargets(text, { source }).targets.map(shape);

  it.each([
    ['妇女常见病筛查率达到85%以上', '>=', 85, '%'],
    ['义务教育巩固率保持在98%以上', '>=', 98, '%'],
    ['妇女基本医疗保险参保率稳定在95%以上', '>=', 95, '%'],
    ['城市集中式饮用水水源地水质达标率为100%', '>=', 100, '%'],
    ['高中阶段毛入学率达到98%', '>=', 98, '%'],
    ['治疗的比例超过90%', '>', 90, '%'],
    ['孕产妇死亡率控制在8.2/10万以下', '<=', 8.2, '1/10万'],
    ['艾滋病母婴传播率下降到3%以下', '<=', 3, '%'],
    ['12岁儿童龋患率控制在30%以内', '<=', 30, '%'],
    ['婴儿死亡率低于5‰', '<', 5, '‰'],
    ['重度近视率不超过2%', '<=', 2, '%'],
    ['农村卫生厕所普及率不低于90%', '>=', 90, '%'],
    ['儿童每天户外活动时间不少于2小时', '>=', 2, '小时'],
  ])('%s → %s %s %s', (text, op, value, unit) => {
    const [target] = one(text);
    expect(target).toMatchObject({ kind: 'threshold', op, value, unit });
  });

  it('reads 左右 as an approximate level', () => {
    expect(one('就业人员中的女性比例保持在45%左右')).toEqual([t('就业人员中的女性比例', 'approx', '=', 45, '%')]);
  });

  it('cleans verbs and adverbs off the indicator name, keeping qualifiers as written', () => {
    expect(one('倡导实现高级专业技术人员中的女性比例达到40%左右')[0]?.indicator).toBe('高级专业技术人员中的女性比例');
    expect(one('符合参保条件的妇女基本养老保险参保率达到95%')[0]?.indicator).toBe('符合参保条件的妇女基本养老保险参保率');
    expect(one('学前3年毛入园率达到99%以上')[0]?.indicator).toBe('学前3年毛入园率');
  });

  it('takes 以…为单位 out of the name as the scope', () => {
    expect(one('适龄儿童国家免疫规划疫苗接种率以镇（街道）为单位保持在90%以上')).toEqual([
      t('适龄儿童国家免疫规划疫苗接种率', 'threshold', '>=', 90, '%', { scope: '以镇（街道）为单位' }),
    ]);
  });

  it('pairs 分别 lists in order and distributes the shared measure and population', () => {
    expect(one('新生儿、婴儿和5岁以下儿童死亡率分别控制在3‰、3.3‰和4‰以下').map((x) => [x.indicator, x.value])).toEqual([
      ['新生儿死亡率', 3],
      ['婴儿死亡率', 3.3],
      ['5岁以下儿童死亡率', 4],
    ]);
    expect(one('5岁以下儿童贫血率和生长迟缓率分别控制在4%和1.8%以下').map((x) => x.indicator)).toEqual([
      '5岁以下儿童贫血率',
      '5岁以下儿童生长迟缓率',
    ]);
    expect(one('城市和农村孕产妇住院分娩率分别达到99%和98%').map((x) => [x.indicator, x.value])).toEqual([
      ['城市孕产妇住院分娩率', 99],
      ['农村孕产妇住院分娩率', 98],
    ]);
  });

  it('splits a list without 分别 only when every item names its own rate', () => {
    expect(one('3岁以下儿童系统管理率和7岁以下儿童健康管理率保持在90%以上').map((x) => x.indicator)).toEqual([
      '3岁以下儿童系统管理率',
      '7岁以下儿童健康管理率',
    ]);
    expect(one('孕产妇艾滋病、梅毒和乙肝检测率达到95%以上').map((x) => x.indicator)).toEqual(['孕产妇艾滋病、梅毒和乙肝检测率']);
  });

  it('reads a bound set by another quantity as a threshold without a number', () => {
    expect(one('党员代表大会中女党员代表比例一般不低于本地区党员总数中女性比例')).toEqual([
      t('党员代表大会中女党员代表比例', 'threshold', '>=', null, null, { reference: '本地区党员总数中女性比例' }),
    ]);
  });

  it('reads full-width digits and keeps the original phrase as text', () => {
    const [target] = extractTargets('孕产妇系统管理率达到９０％以上。').targets;
    expect(target).toMatchObject({ indicator: '孕产妇系统管理率', op: '>=', value: 90, unit: '%' });
    expect(target?.text).toBe('孕产妇系统管理率达到９０％以上');
  });
});

describe('change, count, ratio, deadline patterns', () => {
  const one = (text: string, source: 'goal' | 'measure' = 'goal') => extractTargets(text, { source }).targets.map(shape);

  it('reads a change from a base year', () => {
    expect(one('儿童意外伤害死亡率以2020年为基数下降20%')).toEqual([
      t('儿童意外伤害死亡率', 'relative_change', '>=', 20, '%', { baseYear: 2020, direction: 'decrease' }),
    ]);
    expect(one('女性就业人员比例比2020年提高2个百分点')).toEqual([
      t('女性就业人员比例', 'relative_change', '>=', 2, '百分点', { baseYear: 2020, direction: 'increase' }),
    ]);
  });

  it('reads an annual change', () => {
    expect(one('儿童总体近视率平均每年降低1个百分点以上')).toEqual([
      t('儿童总体近视率', 'annual_change', '>=', 1, '百分点', { direction: 'decrease' }),
    ]);
    expect(one('普惠性托位数每年增加5%')).toEqual([t('普惠性托位数', 'annual_change', '>=', 5, '%', { direction: 'increase' })]);
  });

  it('reads counts per organisation or region with their scope', () => {
    expect(one('各区县引入或孵化至少1家儿童类社会组织')).toEqual([
      t('儿童类社会组织', 'count', '>=', 1, '家', { scope: '各区县' }),
    ]);
    expect(one('每个乡镇（街道）至少建立1个儿童之家')).toEqual([
      t('儿童之家', 'count', '>=', 1, '个', { scope: '每个乡镇（街道）' }),
    ]);
    expect(one('幼儿园每学期至少组织1次家庭教育指导和2次亲子活动')).toEqual([
      t('家庭教育指导', 'count', '>=', 1, '次', { scope: '幼儿园每学期' }),
      t('亲子活动', 'count', '>=', 2, '次', { scope: '幼儿园每学期' }),
    ]);
    expect(one('新建、改扩建幼儿园300所以上')).toEqual([t('新建、改扩建幼儿园', 'count', '>=', 300, '所')]);
    expect(one('镇（街道）配备儿童督导员')).toEqual([t('儿童督导员', 'count', '>=', 1, '名', { scope: '镇（街道）' })]);
    expect(one('每个区县都建成具有标杆引领作用的托育服务机构')).toEqual([
      t('具有标杆引领作用的托育服务机构', 'count', '>=', 1, '所', { scope: '每个区县' }),
    ]);
  });

  it('does not read a task with 配备 but no region or number as a count', () => {
    expect(one('按标准配备校医、托幼托育机构卫生保健人员和必要保健设备')).toEqual([]);
  });

  it('resolves “其中…的” to the item counted before, and a leading body as scope', () => {
    const targets = extractTargets('市及区县党政工作部门，应保证一半以上的领导班子配备女干部，其中担任正职的一般不少于3人。').targets;
    expect(targets.map(shape)).toEqual([
      t('配备女干部的领导班子比例', 'threshold', '>=', 50, '%', { scope: '市及区县党政工作部门' }),
      t('担任正职的女干部', 'count', '>=', 3, '人', { scope: '市及区县党政工作部门' }),
    ]);
    expect(targets[0]?.text).toBe('市及区县党政工作部门，应保证一半以上的领导班子配备女干部');
  });

  it('reads shares of units', () => {
    expect(one('95%的城市社区和80%的村（社区）建立家长学校或家庭教育指导服务站点')).toEqual([
      t('建立家长学校或家庭教育指导服务站点的城市社区比例', 'threshold', '>=', 95, '%'),
      t('建立家长学校或家庭教育指导服务站点的村（社区）比例', 'threshold', '>=', 80, '%'),
    ]);
  });

  it('reads rates per population with composite units', () => {
    expect(one('每千名儿童拥有儿科执业（助理）医生0.85名、床位增至2.2张')).toEqual([
      t('每千名儿童儿科执业（助理）医生数', 'threshold', '>=', 0.85, '名/千名儿童'),
      t('每千名儿童床位数', 'threshold', '>=', 2.2, '张/千名儿童'),
    ]);
    expect(one('每千人口3岁以下婴幼儿托位数达到4.5个')).toEqual([
      t('每千人口3岁以下婴幼儿托位数', 'threshold', '>=', 4.5, '个/千人'),
    ]);
  });

  it('reads durations written once for several groups', () => {
    expect(one('保证每天小学生10小时、初中生9小时、高中生8小时睡眠时间').map((x) => [x.indicator, x.value, x.unit])).toEqual([
      ['小学生每天睡眠时间', 10, '小时'],
      ['初中生每天睡眠时间', 9, '小时'],
      ['高中生每天睡眠时间', 8, '小时'],
    ]);
  });

  it('reads ratios, and a scoped second ratio in the same sentence', () => {
    expect(one('女性厕位与男性厕位的比例至少为3：2，人流量较大地区提高到2：1')).toEqual([
      t('女性厕位与男性厕位的比例', 'ratio', '>=', 1.5, null, { ratio: [3, 2] }),
      t('女性厕位与男性厕位的比例', 'ratio', '>=', 2, null, { ratio: [2, 1], scope: '人流量较大地区' }),
    ]);
  });

  it('reads deadlines as tasks without operator', () => {
    expect(one('县级规划颁布后1个月内报送市妇儿工委办公室')).toEqual([
      t('县级规划报送市妇儿工委办公室', 'deadline', null, 1, '个月'),
    ]);
  });
});

describe('trend and coverage patterns: recall in goals, conservative in measures', () => {
  const kinds = (text: string, source: 'goal' | 'measure') =>
    extractTargets(text, { source }).targets.map((x) => [x.kind, x.indicator, x.direction ?? null]);

  it('reads subject-first directions about a measurable quantity', () => {
    expect(kinds('儿童溺水死亡率持续下降', 'goal')).toEqual([['trend', '儿童溺水死亡率', 'decrease']]);
    expect(kinds('儿童溺水死亡率持续下降', 'measure')).toEqual([['trend', '儿童溺水死亡率', 'decrease']]);
    expect(kinds('妇女人均预期寿命延长', 'goal')).toEqual([['trend', '妇女人均预期寿命', 'increase']]);
    expect(kinds('妇女人均预期寿命延长', 'measure')).toEqual([]);
  });

  it('reads verb-first directions only in goals', () => {
    expect(kinds('提高生育保险参保率', 'goal')).toEqual([['trend', '生育保险参保率', 'increase']]);
    expect(kinds('提高生育保险参保率', 'measure')).toEqual([]);
  });

  it('does not read directions about what is not measured', () => {
    expect(kinds('妇女宫颈癌和乳腺癌防治意识明显提高', 'goal')).toEqual([]);
    expect(kinds('保障水平不断提高', 'goal')).toEqual([]);
    expect(kinds('减少非意愿妊娠', 'goal')).toEqual([]);
  });

  it('reads 上升趋势减缓 as a decrease and ties a gap to the rate before it', () => {
    expect(kinds('妇女焦虑障碍、抑郁症患病率上升趋势减缓', 'goal')).toEqual([['trend', '妇女焦虑障碍、抑郁症患病率', 'decrease']]);
    expect(kinds('孕产妇死亡率控制在8.2/10万以下，城乡、区域差距逐步缩小', 'goal')).toEqual([
      ['threshold', '孕产妇死亡率', null],
      ['trend', '孕产妇死亡率城乡、区域差距', 'decrease'],
    ]);
  });

  it('reads 全覆盖 as 100% coverage in goals only', () => {
    expect(extractTargets('有康复需求的残疾儿童基本康复服务全覆盖', { source: 'goal' }).targets.map(shape)).toEqual([
      t('有康复需求的残疾儿童基本康复服务覆盖率', 'threshold', '>=', 100, '%'),
    ]);
    expect(kinds('推进城乡污水管网全覆盖', 'measure')).toEqual([]);
  });

  it('defaults to goal reading', () => {
    expect(kinds('提高生育保险参保率', 'goal')).toEqual(extractTargets('提高生育保险参保率').targets.map((x) => [x.kind, x.indicator, x.direction ?? null]));
  });
});

describe('unplaced phrases and target year', () => {
  it('lists a number with a unit that is not a target as 待核对, with its sentence', () => {
    const { targets, unplaced } = extractTargets('按照女职工生育医疗费标准的50%享受生育医疗费待遇。妥善解决生育保障问题。');
    expect(targets).toEqual([]);
    expect(unplaced).toHaveLength(1);
    expect(unplaced[0]).toMatchObject({ text: '50%', sentence: '按照女职工生育医疗费标准的50%享受生育医疗费待遇' });
    expect(unplaced[0]?.reason).toMatch(/^待核对：“50%”/);
  });

  it('explains when a comparison word is there but no pairing is found', () => {
    const { targets, unplaced } = extractTargets('甲率和乙率分别达到90%、95%和98%');
    expect(targets).toEqual([]);
    expect(unplaced.map((u) => u.text)).toEqual(['90%', '95%', '98%']);
    expect(unplaced[0]?.reason).toContain('比较用语');
  });

  it('does not list years, ages, names in quotes or document numbers', () => {
    const text =
      '贯彻《关于支持女性科技人才在科技创新中发挥更大作用的若干措施》（国科发才〔2021〕172号），加强“12338”热线建设，' +
      '打造“15分钟阅读文化圈”，推动开展0-6岁儿童残疾筛查，不得让未满8周岁儿童单独留在家中，普及6月龄以上儿童合理添加辅食的知识，' +
      '完善3岁以下婴幼儿照护服务政策，关注0-6个月婴儿喂养，2020年以来成效明显。';
    expect(extractTargets(text)).toEqual({ targets: [], unplaced: [] });
  });

  it('uses the plan end year unless the sentence names one', () => {
    expect(extractTargets('孕产妇死亡率控制在8.2/10万以下').targets[0]?.targetYear).toBe(2025);
    expect(extractTargets('孕产妇死亡率控制在8.2/10万以下', { targetYear: 2030 }).targets[0]?.targetYear).toBe(2030);
    expect(extractTargets('到2027年，孕产妇死亡率控制在8/10万以下').targets[0]).toMatchObject({ targetYear: 2027, value: 8 });
    expect(extractTargets('到2027年，孕产妇死亡率控制在8/10万以下').unplaced).toEqual([]);
  });

  it('returns nothing for text without targets', () => {
    expect(extractTargets('')).toEqual({ targets: [], unplaced: [] });
    expect(extractTargets('坚持预防为主，加快实施“健康淄博行动”。')).toEqual({ targets: [], unplaced: [] });
  });
});
