import type { secureHeaders } from 'hono/secure-headers'

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>

/**
 * Options for Hono's `secureHeaders`: the strict headers of every admin response, a host app's own values
 * kept (`overwrite: false`). No inline script or style anywhere: the stylesheet and the small script are
 * files from 'self'. Headers Hono adds by default that Steward never sent (HSTS, CORP, Origin-Agent-Cluster…)
 * stay off: HSTS belongs to whoever terminates TLS.
 */
export const securityHeaderOptions: SecureHeadersOptions = Object.freeze({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
  xContentTypeOptions: 'nosniff',
  referrerPolicy: 'same-origin',
  xFrameOptions: 'SAMEORIGIN',
  crossOriginOpenerPolicy: 'same-origin',
  crossOriginEmbedderPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  strictTransportSecurity: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  removePoweredBy: false,
  overwrite: false,
})
