// Progressive enhancement for a list's filters (filter-panel.tsx); without it the Apply button does the work.
;(function () {
  'use strict'

  document.querySelectorAll('form[data-filter-form]').forEach(function (form) {
    // A choice from a list applies at once; typed values (text, dates, numbers) wait for Enter or Apply, since
    // a date box reports a change for every part typed.
    form.addEventListener('change', function (event) {
      if (!(event.target instanceof HTMLSelectElement)) return
      if (form.requestSubmit) form.requestSubmit()
      else form.submit()
    })
    // Below the side-column width the panel sits above the rows: fold it, so the first row is in sight (the
    // chips say which filters are in force).
    var details = form.closest('details')
    if (details && window.matchMedia('(max-width: 63.99rem)').matches) details.open = false
  })
})()
