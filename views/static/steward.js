// Progressive enhancement only: every page works without this file.
;(function () {
  'use strict'
  var root = document.documentElement

  // Theme: the system setting until the user picks one; the choice lives in a cookie so the server renders it.
  var toggle = document.querySelector('[data-theme-toggle]')
  if (toggle) {
    var current = function () {
      var chosen = root.getAttribute('data-theme')
      if (chosen) return chosen
      return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
    }
    var label = function () {
      toggle.textContent = current() === 'dark' ? 'Light theme' : 'Dark theme'
      toggle.setAttribute('aria-pressed', current() === 'dark' ? 'true' : 'false')
    }
    toggle.hidden = false
    label()
    toggle.addEventListener('click', function () {
      var next = current() === 'dark' ? 'light' : 'dark'
      root.setAttribute('data-theme', next)
      document.cookie = 'steward-theme=' + next + '; path=/; max-age=31536000; SameSite=Lax'
      label()
    })
  }

  // GET forms (search, filters) leave out their empty fields, so a shared list link stays short and readable.
  document.querySelectorAll('form[method="get"]').forEach(function (form) {
    form.addEventListener('submit', function () {
      form.querySelectorAll('input[name], select[name]').forEach(function (field) {
        if (field.value === '') field.disabled = true
      })
    })
  })
  // Coming back through the history restores the page as it was left: enable those fields again.
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('form[method="get"] [disabled]').forEach(function (field) {
      field.disabled = false
    })
  })

  // Quick filter over the table navigation.
  var box = document.querySelector('[data-nav-filter]')
  var input = box && box.querySelector('input')
  if (box && input) {
    box.hidden = false
    input.addEventListener('input', function () {
      var term = input.value.trim().toLowerCase()
      document.querySelectorAll('[data-nav-group]').forEach(function (group) {
        var shown = 0
        group.querySelectorAll('[data-nav-item]').forEach(function (item) {
          var match = !term || (item.getAttribute('data-name') || '').indexOf(term) !== -1
          item.hidden = !match
          if (match) shown++
        })
        group.hidden = shown === 0
      })
    })
  }
})()
