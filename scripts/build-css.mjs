console.log('css build placeholder')
