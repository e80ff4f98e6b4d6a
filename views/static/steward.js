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

  // Points in time: the server writes UTC; show zoned ones in the viewer's zone with its offset. The fraction is
  // kept as the server wrote it (a Date holds only milliseconds). Every time's title says how long ago, made
  // here rather than on the server: a list has hundreds of them. One stored without a zone is read as UTC.
  var pad = function (n) {
    return (n < 10 ? '0' : '') + n
  }
  var ago = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat('en', { numeric: 'auto' }) : null
  var units = [
    ['year', 31536000],
    ['month', 2592000],
    ['week', 604800],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ]
  var relative = function (at) {
    var seconds = Math.round((at.getTime() - Date.now()) / 1000)
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(seconds) >= units[i][1] || i === units.length - 1)
        return ago.format(Math.trunc(seconds / units[i][1]), units[i][0])
    }
  }
  // A naive time whose text is its value (`2024-01-31 14:05:00`) has no datetime attribute: HTML reads the text.
  document.querySelectorAll('time').forEach(function (time) {
    var stored = (time.getAttribute('datetime') || time.textContent || '').replace(' ', 'T')
    // data-zoned: a value the server wrote in UTC for this script to move; another with a zone (an audit entry's
    // time) is only given its title.
    var moved = time.hasAttribute('data-zoned')
    var zoned = moved || /(Z|[+-]\d\d:?\d\d)$/i.test(stored)
    // Only a point in time: a bare date or a time of day has no "ago".
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(stored)) return
    var at = new Date(zoned ? stored : stored + 'Z')
    // A moved time is shown in the viewer's year, which must still be four digits.
    var year = moved ? at.getFullYear() : at.getUTCFullYear()
    if (isNaN(year) || year < 1000 || year > 9999) return
    if (moved) {
      var fraction = /:\d\d(\.\d+)/.exec(time.textContent || '')
      var offset = -at.getTimezoneOffset()
      var zone = (offset < 0 ? '-' : '+') + pad(Math.floor(Math.abs(offset) / 60)) + ':' + pad(Math.abs(offset) % 60)
      var date = [at.getFullYear(), pad(at.getMonth() + 1), pad(at.getDate())].join('-')
      var clock = [pad(at.getHours()), pad(at.getMinutes()), pad(at.getSeconds())].join(':')
      time.textContent = date + ' ' + clock + (fraction ? fraction[1] : '') + ' ' + zone
    }
    if (ago && !time.title) time.title = relative(at) + (zoned ? '' : ' (no time zone stored)')
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
