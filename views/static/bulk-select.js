// Progressive enhancement for a list's selection form: "select all on this page", an "N selected" counter, and
// the bulk buttons disabled while nothing is selected. Without it each row's box still works and the server
// answers an empty selection with a message.
;(function () {
  'use strict'

  document.querySelectorAll('form[data-bulk-form]').forEach(function (form) {
    var all = form.querySelector('input[data-select-all]')
    var counter = form.querySelector('[data-selected-count]')
    var submits = Array.prototype.slice.call(form.querySelectorAll('button[data-bulk-submit]'))
    var boxes = function () {
      return Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="key"]'))
    }

    function update() {
      var list = boxes()
      var chosen = list.filter(function (box) {
        return box.checked
      }).length
      if (all) {
        all.checked = list.length > 0 && chosen === list.length
        all.indeterminate = chosen > 0 && chosen < list.length
      }
      if (counter) counter.textContent = chosen + ' selected'
      submits.forEach(function (submit) {
        submit.disabled = chosen === 0
      })
    }

    if (all) {
      all.hidden = false
      all.addEventListener('change', function () {
        boxes().forEach(function (box) {
          box.checked = all.checked
        })
        update()
      })
    }
    if (counter) counter.hidden = false
    form.addEventListener('change', function (event) {
      if (event.target !== all) update()
    })
    // Coming back through the history may restore ticked boxes: count them.
    window.addEventListener('pageshow', update)
    update()
  })
})()
