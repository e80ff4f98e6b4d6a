// `/` or Ctrl+K (⌘K) focuses the header's search across tables. `/` typed into a field stays there; Ctrl+K
// too in a textarea or an editable region, where editors use it for links.
;(function () {
  'use strict'
  var box = document.querySelector('[data-search-box]')
  if (!box) return
  var typing = function (target) {
    if (!target || !target.tagName) return false
    var tag = target.tagName
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable
  }
  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.altKey) return
    var slash = event.key === '/' && !event.ctrlKey && !event.metaKey
    var k = (event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey)
    if (!slash && !k) return
    if (slash && typing(event.target)) return
    var target = event.target
    if (k && target && (target.tagName === 'TEXTAREA' || target.isContentEditable)) return
    event.preventDefault()
    box.focus()
    box.select()
  })
})()
