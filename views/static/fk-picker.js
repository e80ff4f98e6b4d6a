// Progressive enhancement for the edit forms (no inline script: this file is served like steward.js).
// Foreign keys: search-as-you-type over the target's label column; typing into a box that holds a key
// starts a new search with what is typed (the key comes back only by picking a row). NULL boxes: typing unticks NULL,
// ticking NULL empties the field (and unticking brings the text back). Without it the forms work as they are.
;(function () {
  'use strict'

  document.querySelectorAll('[data-fk-picker]').forEach(function (box, n) {
    var input = box.querySelector('input[data-lookup]')
    if (!input) return
    var url = input.getAttribute('data-lookup')
    var list = document.createElement('ul')
    var results = []
    var active = -1
    var timer = null
    var asked = 0
    // The key the box holds (as loaded, or as picked): typing replaces it rather than appending to it.
    var held = input.value
    list.id = 'fk-picker-' + n
    list.setAttribute('role', 'listbox')
    list.hidden = true
    list.className =
      'absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded border border-slate-300 bg-white shadow dark:border-slate-700 dark:bg-slate-900'
    box.appendChild(list)
    input.setAttribute('role', 'combobox')
    input.setAttribute('aria-autocomplete', 'list')
    input.setAttribute('aria-expanded', 'false')
    input.setAttribute('aria-controls', list.id)

    function close() {
      // A search still waiting or in flight must not open the list again after this.
      clearTimeout(timer)
      asked++
      list.hidden = true
      active = -1
      input.setAttribute('aria-expanded', 'false')
      input.removeAttribute('aria-activedescendant')
    }
    function choose(i) {
      var item = results[i]
      if (!item) return
      input.value = item.value
      held = item.value
      input.dispatchEvent(new Event('input', { bubbles: true }))
      close()
    }
    function highlight(i) {
      active = i
      Array.prototype.forEach.call(list.children, function (li, j) {
        li.setAttribute('aria-selected', j === i ? 'true' : 'false')
        li.className = 'cursor-pointer px-2 py-1 text-sm' + (j === i ? ' bg-sky-100 dark:bg-sky-900' : '')
      })
      if (i >= 0) input.setAttribute('aria-activedescendant', list.id + '-' + i)
    }
    function show(items) {
      results = items
      list.textContent = ''
      items.forEach(function (item, i) {
        var li = document.createElement('li')
        li.id = list.id + '-' + i
        li.setAttribute('role', 'option')
        li.textContent = item.label
        li.addEventListener('mousedown', function (event) {
          event.preventDefault()
          choose(i)
        })
        list.appendChild(li)
      })
      highlight(-1)
      list.hidden = items.length === 0
      input.setAttribute('aria-expanded', items.length > 0 ? 'true' : 'false')
    }
    function search() {
      var ticket = ++asked
      fetch(url + '&q=' + encodeURIComponent(input.value.trim()), {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] }
        })
        .then(function (data) {
          if (ticket === asked && document.activeElement === input) show(data.results || [])
        })
        .catch(function () {
          close()
        })
    }
    function searchSoon() {
      clearTimeout(timer)
      timer = setTimeout(search, 200)
    }
    input.addEventListener('beforeinput', function (event) {
      if (
        held === '' ||
        input.value !== held ||
        !/^insert(Text|FromPaste|FromDrop|ReplacementText)$/.test(event.inputType)
      )
        return
      var typed = event.data != null ? event.data : event.dataTransfer ? event.dataTransfer.getData('text/plain') : ''
      if (!typed) return
      event.preventDefault()
      held = ''
      input.value = typed
      input.setSelectionRange(typed.length, typed.length)
      // Others listening for typing (the NULL box) hear of it; this picker's own listener takes trusted events only.
      input.dispatchEvent(new Event('input', { bubbles: true }))
      searchSoon()
    })
    input.addEventListener('input', function (event) {
      if (!event.isTrusted) return
      held = ''
      searchSoon()
    })
    input.addEventListener('focus', function () {
      if (input.value === '') search()
    })
    input.addEventListener('blur', function () {
      setTimeout(close, 100)
    })
    input.addEventListener('keydown', function (event) {
      if (list.hidden) return
      if (event.key === 'ArrowDown') highlight(Math.min(active + 1, results.length - 1))
      else if (event.key === 'ArrowUp') highlight(Math.max(active - 1, 0))
      else if (event.key === 'Enter' && active >= 0) choose(active)
      else if (event.key === 'Escape') close()
      else return
      event.preventDefault()
    })
  })

  document.querySelectorAll('input[data-null-for]').forEach(function (box) {
    var field = document.getElementById(box.getAttribute('data-null-for'))
    if (!field) return
    var kept = ''
    box.addEventListener('change', function () {
      if (box.checked) {
        kept = field.value
        field.value = ''
      } else if (field.value === '') {
        field.value = kept
      }
    })
    field.addEventListener('input', function () {
      if (field.value !== '') box.checked = false
    })
  })
})()
