import { describe, expect, it } from 'vitest';
import { readDataParam } from './data-param';

const page = 'https://map.example.org/app/';

describe('?data=', () => {
  it('is nothing when absent or empty', () => {
    expect(readDataParam('', page)).toEqual({ kind: 'none' });
    expect(readDataParam('?data=', page)).toEqual({ kind: 'none' });
  });
  it('opens absolute http(s) addresses', () => {
    expect(readDataParam('?data=https%3A%2F%2Fexample.com%2Fucdp%2Fsyria.csv', page)).toEqual({ kind: 'url', url: 'https://example.com/ucdp/syria.csv', fileName: 'syria.csv' });
  });
  it('opens paths on this site, resolved against the page', () => {
    expect(readDataParam('?data=/datasets/car.geojson', page)).toMatchObject({ kind: 'url', url: 'https://map.example.org/datasets/car.geojson' });
    expect(readDataParam('?data=data/x.geojson', page)).toMatchObject({ kind: 'url', url: 'https://map.example.org/app/data/x.geojson', fileName: 'x.geojson' });
  });
  it.each(['javascript:alert(1)', 'data:application/json,{}', 'file:///etc/passwd', 'ftp://example.com/x.csv', ' JavaScript:alert(1)'])('refuses %s with a message', (value) => {
    const result = readDataParam(`?data=${encodeURIComponent(value)}`, page);
    expect(result).toMatchObject({ kind: 'refused', message: expect.stringMatching(/only http\(s\) addresses and paths on this site/) });
  });
});
