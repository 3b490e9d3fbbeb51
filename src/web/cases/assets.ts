import { createHash } from 'node:crypto';

/**
 * The queue's keyboard shortcuts, a progressive enhancement (the page works with Tab alone):
 * j / k move the focus to the next / previous case link, Enter (the browser's own) opens it.
 * Kept here as text so the build needs no copy step; served from /console/assets (CSP 'self').
 */
export const QUEUE_SCRIPT = `(function () {
  'use strict';
  var links = Array.prototype.slice.call(document.querySelectorAll('#queue a.case-link'));
  if (!links.length) return;
  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(t.tagName))) return;
    if (e.key !== 'j' && e.key !== 'k') return;
    var i = links.indexOf(document.activeElement);
    var next = e.key === 'j' ? Math.min(i + 1, links.length - 1) : Math.max(i - 1, 0);
    links[next].focus();
    e.preventDefault();
  });
})();
`;

export const QUEUE_SCRIPT_VERSION = createHash('sha256').update(QUEUE_SCRIPT).digest('hex').slice(0, 12);
/** The script's URL carries a hash of its content: browsers may keep it for a year. */
export const QUEUE_SCRIPT_HREF = `/console/assets/cases-queue.js?v=${QUEUE_SCRIPT_VERSION}`;
