// Tessera's WebAuthn helper for self-service UIs: the functions named by the onclickTrigger / onloadTrigger
// attributes of webauthn and passkey nodes. Each reads the server's options (argument or hidden input), runs the
// browser ceremony, writes the JSON result into the form's result input and submits the form.
;(function () {
  "use strict"
  if (typeof window === "undefined" || !window.PublicKeyCredential || window.__tesseraWebAuthn) {
    return
  }
  window.__tesseraWebAuthn = true

  function decode(text) {
    var b64 = String(text).replace(/-/g, "+").replace(/_/g, "/")
    while (b64.length % 4) b64 += "="
    var bin = atob(b64)
    var out = new Uint8Array(bin.length)
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
    return out
  }

  function encode(buffer) {
    if (!buffer) return undefined
    var bytes = new Uint8Array(buffer)
    var bin = ""
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i])
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
  }

  function parse(options, selector) {
    if (options && typeof options === "object") return options
    if (typeof options === "string" && options.length) return JSON.parse(options)
    var el = document.querySelector(selector)
    return el ? JSON.parse(el.value) : null
  }

  function descriptors(list) {
    return (list || []).map(function (c) {
      return Object.assign({}, c, { id: decode(c.id) })
    })
  }

  function creationOptions(publicKey) {
    publicKey.challenge = decode(publicKey.challenge)
    publicKey.user.id = decode(publicKey.user.id)
    publicKey.excludeCredentials = descriptors(publicKey.excludeCredentials)
    return publicKey
  }

  function requestOptions(publicKey) {
    publicKey.challenge = decode(publicKey.challenge)
    publicKey.allowCredentials = descriptors(publicKey.allowCredentials)
    return publicKey
  }

  function attestationJson(credential) {
    return JSON.stringify({
      id: credential.id,
      rawId: encode(credential.rawId),
      type: credential.type,
      response: {
        clientDataJSON: encode(credential.response.clientDataJSON),
        attestationObject: encode(credential.response.attestationObject),
        transports: credential.response.getTransports ? credential.response.getTransports() : undefined,
      },
    })
  }

  function assertionJson(credential) {
    return JSON.stringify({
      id: credential.id,
      rawId: encode(credential.rawId),
      type: credential.type,
      response: {
        clientDataJSON: encode(credential.response.clientDataJSON),
        authenticatorData: encode(credential.response.authenticatorData),
        signature: encode(credential.response.signature),
        userHandle: encode(credential.response.userHandle),
      },
    })
  }

  function submit(resultName, value, triggerName) {
    var result = document.querySelector('*[name="' + resultName + '"]')
    if (!result) return
    result.value = value
    var form = result.closest("form")
    if (!form) return
    var trigger = triggerName && document.querySelector('*[name="' + triggerName + '"]')
    if (form.requestSubmit) {
      form.requestSubmit(trigger && trigger.type === "submit" ? trigger : undefined)
    } else {
      form.submit()
    }
  }

  function fail(err) {
    if (err && err.name === "AbortError") return
    console.error(err)
    alert(err && err.message ? err.message : String(err))
  }

  function register(options, resultName, triggerName) {
    var opt = parse(options, '*[name="' + triggerName + '"]')
    if (!opt) return
    navigator.credentials
      .create({ publicKey: creationOptions(opt.publicKey) })
      .then(function (credential) { submit(resultName, attestationJson(credential), triggerName) })
      .catch(fail)
  }

  function login(options, resultName, triggerName, mediation) {
    var opt = parse(options, '*[name="' + triggerName + '"]')
    if (!opt) return Promise.resolve()
    var request = { publicKey: requestOptions(opt.publicKey) }
    if (mediation) request.mediation = mediation
    return navigator.credentials
      .get(request)
      .then(function (credential) { submit(resultName, assertionJson(credential), triggerName) })
      .catch(fail)
  }

  function passkeyCreateData() {
    var el = document.querySelector('*[name="passkey_create_data"]')
    if (!el) return null
    var data = JSON.parse(el.value)
    // Registration wraps the options with the display-name fields; settings sends the options alone.
    var opt = data.credentialOptions || data
    var names = data.displayNameFieldNames || (data.displayNameFieldName ? [data.displayNameFieldName] : [])
    for (var i = 0; i < names.length; i++) {
      var field = document.querySelector('*[name="' + names[i] + '"]')
      if (field && field.value) {
        opt.publicKey.user.name = field.value
        opt.publicKey.user.displayName = field.value
        break
      }
    }
    return opt
  }

  window.oryWebAuthnRegistration = function (options) {
    register(options, "webauthn_register", "webauthn_register_trigger")
  }
  window.oryWebAuthnLogin = function (options) {
    login(options, "webauthn_login", "webauthn_login_trigger")
  }
  window.oryPasskeyRegistration = function () {
    register(passkeyCreateData(), "passkey_register", "passkey_register_trigger")
  }
  window.oryPasskeySettingsRegistration = function () {
    register(passkeyCreateData(), "passkey_settings_register", "passkey_register_trigger")
  }
  window.oryPasskeyLogin = function () {
    var challenge = document.querySelector('*[name="passkey_challenge"]')
    if (challenge) login(challenge.value, "passkey_login", "passkey_login_trigger")
  }
  window.oryPasskeyLoginAutocompleteInit = function () {
    var challenge = document.querySelector('*[name="passkey_challenge"]')
    if (!challenge || !PublicKeyCredential.isConditionalMediationAvailable) return
    PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
      if (available) login(challenge.value, "passkey_login", "passkey_login_trigger", "conditional")
    })
  }
})()
