import { describe, expect, it } from 'vitest';
import { childPath, itemPath, itemSubPath } from '../../../electron/core/graph/drive-item-path.js';

describe('drive item paths', () => {
  it('takes a content path as a job gives it and finds the item and its content', () => {
    expect(itemPath('/me/drive/root:/Monthly%20Reports/sales.xlsx:/content')).toBe('/me/drive/root:/Monthly%20Reports/sales.xlsx');
    expect(itemSubPath('/me/drive/root:/Monthly%20Reports/sales.xlsx', 'content')).toBe('/me/drive/root:/Monthly%20Reports/sales.xlsx:/content');
    expect(itemPath('/drives/b!x/items/01ABC/content')).toBe('/drives/b!x/items/01ABC');
    expect(itemSubPath('/drives/b!x/items/01ABC', 'content')).toBe('/drives/b!x/items/01ABC/content');
  });

  it('names a child of a folder given by path, by ID or as the root, encoding only the file name', () => {
    expect(childPath('/me/drive/root:/Reports', 'Q4 #1 100%.xlsx')).toBe('/me/drive/root:/Reports/Q4%20%231%20100%25.xlsx');
    expect(childPath('/me/drive/root:/Reports:', 'a.csv')).toBe('/me/drive/root:/Reports/a.csv');
    expect(childPath('/drives/d1/items/F1', 'a.csv')).toBe('/drives/d1/items/F1:/a.csv');
    expect(childPath('/sites/s1/drive/root', 'a.csv')).toBe('/sites/s1/drive/root:/a.csv');
    expect(itemSubPath(childPath('/me/drive/root:/Reports', 'a.csv'), 'createUploadSession')).toBe('/me/drive/root:/Reports/a.csv:/createUploadSession');
  });

  it('refuses a file name with a slash', () => {
    expect(() => childPath('/me/drive/root:/Reports', 'a/b.csv')).toThrow(/not a file name/);
  });
});
