/** Only web links become live links in the panel: a link typed into the sheet may be anything. */
import { linkable } from '../../../src/client/sidebar/dom';

test('http and https links are live; javascript:, data:, vbscript: and relative ones are not', () => {
  expect(linkable('https://drive.google.com/file/d/abc/view')).toBe(true);
  expect(linkable('http://mkri.id/berita')).toBe(true);
  for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:msgbox', '/relative', 'https://a b', '']) {
    expect(linkable(bad)).toBe(false);
  }
});
