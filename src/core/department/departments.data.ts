import type { Department, DepartmentGroup } from './department.types.ts';

/**
 * Every department the seed plans name in a units parenthesis (牵头单位/责任单位), under the seed's own spelling.
 * Reviewed by hand: department-registry.test.ts holds this list and the parsed seed in agreement, so a name
 * is neither invented nor missed. Aliases are only common short or full forms of the same body.
 */
export const DEPARTMENTS: readonly Department[] = [
  { name: '市妇儿工委办公室', aliases: ['市妇儿工委办', '市妇女儿童工作委员会办公室'], category: 'office' },

  { name: '市委办公室', aliases: [], category: 'party' },
  { name: '市委组织部', aliases: [], category: 'party' },
  { name: '市委宣传部', aliases: [], category: 'party' },
  { name: '市委统战部', aliases: ['市委统一战线工作部'], category: 'party' },
  { name: '市委政法委', aliases: ['市委政法委员会'], category: 'party' },
  { name: '市委网信办', aliases: ['市委网络安全和信息化委员会办公室'], category: 'party' },
  { name: '市委市直机关工委', aliases: ['市直机关工委'], category: 'party' },

  { name: '市发展改革委', aliases: ['市发改委', '市发展和改革委员会'], category: 'government' },
  { name: '市教育局', aliases: [], category: 'government' },
  { name: '市科技局', aliases: ['市科学技术局'], category: 'government' },
  { name: '市公安局', aliases: [], category: 'government' },
  { name: '市民政局', aliases: [], category: 'government' },
  { name: '市司法局', aliases: [], category: 'government' },
  { name: '市财政局', aliases: [], category: 'government' },
  { name: '市人力资源社会保障局', aliases: ['市人社局', '市人力资源和社会保障局'], category: 'government' },
  { name: '市自然资源和规划局', aliases: [], category: 'government' },
  { name: '市生态环境局', aliases: [], category: 'government' },
  { name: '市住房城乡建设局', aliases: ['市住建局', '市住房和城乡建设局'], category: 'government' },
  { name: '市交通运输局', aliases: [], category: 'government' },
  { name: '市水利局', aliases: [], category: 'government' },
  { name: '市农业农村局', aliases: [], category: 'government' },
  { name: '市商务局', aliases: [], category: 'government' },
  { name: '市文化和旅游局', aliases: ['市文旅局'], category: 'government' },
  { name: '市卫生健康委', aliases: ['市卫健委', '市卫生健康委员会'], category: 'government' },
  { name: '市应急局', aliases: ['市应急管理局'], category: 'government' },
  { name: '市国资委', aliases: ['市国有资产监督管理委员会'], category: 'government' },
  { name: '市市场监管局', aliases: ['市市场监督管理局'], category: 'government' },
  { name: '市体育局', aliases: [], category: 'government' },
  { name: '市医保局', aliases: ['市医疗保障局'], category: 'government' },
  { name: '市大数据局', aliases: [], category: 'government' },
  { name: '市乡村振兴局', aliases: [], category: 'government' },
  { name: '市城市管理局', aliases: ['市城管局'], category: 'government' },
  { name: '市税务局', aliases: [], category: 'government' },

  { name: '市法院', aliases: ['市中级人民法院', '市中院'], category: 'judicial' },
  { name: '市检察院', aliases: ['市人民检察院'], category: 'judicial' },

  { name: '市总工会', aliases: [], category: 'mass-organisation' },
  { name: '团市委', aliases: ['共青团市委'], category: 'mass-organisation' },
  { name: '市妇联', aliases: ['市妇女联合会'], category: 'mass-organisation' },
  { name: '市科协', aliases: ['市科学技术协会'], category: 'mass-organisation' },
  { name: '市残联', aliases: ['市残疾人联合会'], category: 'mass-organisation' },

  // 关心下一代工作委员会: neither a government department nor a people's organisation.
  { name: '市关工委', aliases: ['市关心下一代工作委员会'], category: 'other' },

  { name: '淄博日报社', aliases: [], category: 'media' },
  { name: '市广播电视台', aliases: [], category: 'media' },
];

/** Every group reference the seed plans use in a units parenthesis. */
export const DEPARTMENT_GROUPS: readonly DepartmentGroup[] = [
  { name: '市妇儿工委有关成员单位', aliases: [] },
  // “各成员单位” (every member unit) and “成员单位” name the same set.
  { name: '市妇儿工委成员单位', aliases: ['市妇儿工委各成员单位'] },
  { name: '特邀单位', aliases: [] },
  { name: '有关行业主管部门', aliases: [] },
  { name: '各市管社会组织业务主管单位', aliases: [] },
  { name: '市法规政策性别平等评估机制联席会议各成员单位', aliases: [] },
];
