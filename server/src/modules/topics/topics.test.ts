import { describe, expect, it } from 'vitest';
import { appealTopicWords, cityMonthOf, isTopicWord, topicWords } from './topics.ts';

describe('topic words', () => {
  it('leaves out single characters, numbers, quantities, punctuation and the stop list', () => {
    expect(isTopicWord('地')).toBe(false);
    expect(isTopicWord('2025')).toBe(false);
    expect(isTopicWord('30亩')).toBe(false);
    expect(isTopicWord('，。')).toBe(false);
    expect(isTopicWord('企业')).toBe(false);
    expect(isTopicWord('问题')).toBe(false);
    expect(isTopicWord('用地')).toBe(true);
    expect(isTopicWord('5G')).toBe(false);
    expect(isTopicWord('ERP')).toBe(true);
  });

  it('takes the strongest keywords of title and content, each once, at most eight', () => {
    expect(appealTopicWords({ title: '用电报装慢', content: '新厂房用电报装三个月未接电。' })).toEqual([
      '用电报装',
      '接电',
      '厂房',
    ]);
    const long = topicWords(
      '企业新建厂房需新增工业用地30亩，目前用地指标不足，希望协调解决。二期项目用地报批进度缓慢，影响按期动工。' +
        '厂区周边土地征收尚未完成，不动产权证书办理遇到历史遗留问题，园区道路破损，货车通行困难，融资贷款审批慢。',
    );
    expect(long).toHaveLength(8);
    expect(new Set(long).size).toBe(8);
    for (const word of long) expect(isTopicWord(word)).toBe(true);
    expect(topicWords('')).toEqual([]);
  });

  it('counts an appeal in the month of its submission in city time (UTC+8)', () => {
    expect(cityMonthOf('2025-10-31T15:59:59.000Z')).toBe('2025-10');
    expect(cityMonthOf('2025-10-31T16:00:00.000Z')).toBe('2025-11');
  });
});
