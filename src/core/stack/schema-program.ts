/**
 * The stack file schema (schema.ts) as plain data, for the quick schema reader (schema-quick.ts).
 * GENERATED from the zod schema by `node scripts/schema-program.js`: do not edit; change schema.ts and
 * run the script (test/core/stack/schema-quick.test.ts fails while the two differ).
 */
import type { SchemaNode } from './schema-quick';

export const STACK_FILE_PROGRAM: SchemaNode = {
  t: 'object',
  keys: [
    ['version', { t: 'literal', values: [1] }],
    ['stack', { t: 'string', patterns: [/^(?=[A-Za-z0-9-]{1,32}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/] }],
    ['region', { t: 'optional', of: { t: 'string', patterns: [/^[a-z]{2}(-gov)?-[a-z]+-\d+$/] } }],
    [
      'loadBalancers',
      {
        t: 'optional',
        of: {
          t: 'array',
          of: {
            t: 'object',
            keys: [
              [
                'name',
                {
                  t: 'string',
                  patterns: [
                    /^(?![Ii][Nn][Tt][Ee][Rr][Nn][Aa][Ll]-)(?=[A-Za-z0-9-]{1,32}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
                  ],
                },
              ],
              ['type', { t: 'literal', values: ['application', 'network', 'gateway'] }],
              ['scheme', { t: 'optional', of: { t: 'literal', values: ['internet-facing', 'internal'] } }],
              [
                'subnets',
                {
                  t: 'optional',
                  of: { t: 'array', of: { t: 'string', patterns: [/^subnet-[0-9a-f]{8,17}$/] }, min: 1 },
                },
              ],
              [
                'subnetMappings',
                {
                  t: 'optional',
                  of: {
                    t: 'array',
                    of: {
                      t: 'object',
                      keys: [
                        ['subnet', { t: 'string', patterns: [/^subnet-[0-9a-f]{8,17}$/] }],
                        [
                          'allocationId',
                          { t: 'optional', of: { t: 'string', patterns: [/^eipalloc-[0-9a-f]{8,17}$/] } },
                        ],
                        ['privateIPv4Address', { t: 'optional', of: { t: 'string' } }],
                        ['ipv6Address', { t: 'optional', of: { t: 'string' } }],
                      ],
                      strict: true,
                    },
                    min: 1,
                  },
                },
              ],
              [
                'securityGroups',
                { t: 'optional', of: { t: 'array', of: { t: 'string', patterns: [/^sg-[0-9a-f]{8,17}$/] } } },
              ],
              [
                'ipAddressType',
                { t: 'optional', of: { t: 'literal', values: ['ipv4', 'dualstack', 'dualstack-without-public-ipv4'] } },
              ],
              ['crossZone', { t: 'optional', of: { t: 'boolean' } }],
              ['deletionProtection', { t: 'optional', of: { t: 'boolean' } }],
              ['dropInvalidHeaderFields', { t: 'optional', of: { t: 'boolean' } }],
              [
                'attributes',
                {
                  t: 'optional',
                  of: {
                    t: 'record',
                    of: {
                      t: 'union',
                      of: [
                        { t: 'string' },
                        { t: 'number' },
                        { t: 'boolean' },
                        { t: 'record', of: { t: 'union', of: [{ t: 'string' }, { t: 'number' }, { t: 'boolean' }] } },
                      ],
                    },
                  },
                },
              ],
              [
                'tags',
                {
                  t: 'optional',
                  of: { t: 'record', of: { t: 'union', of: [{ t: 'string' }, { t: 'number' }, { t: 'boolean' }] } },
                },
              ],
              [
                'listeners',
                {
                  t: 'optional',
                  of: {
                    t: 'array',
                    of: {
                      t: 'object',
                      keys: [
                        ['port', { t: 'optional', of: { t: 'number', int: true, gte: 1, lte: 65535 } }],
                        [
                          'protocol',
                          {
                            t: 'literal',
                            values: ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC', 'GENEVE'],
                          },
                        ],
                        [
                          'certificates',
                          {
                            t: 'optional',
                            of: {
                              t: 'array',
                              of: {
                                t: 'string',
                                patterns: [
                                  /^arn:aws[a-z-]*:(acm|iam):[a-z0-9-]*:\d{12}:(certificate|server-certificate)\/.+$/,
                                ],
                              },
                            },
                          },
                        ],
                        [
                          'sslPolicy',
                          { t: 'optional', of: { t: 'string', patterns: [/^ELBSecurityPolicy-[A-Za-z0-9-]+$/] } },
                        ],
                        [
                          'alpnPolicy',
                          {
                            t: 'optional',
                            of: {
                              t: 'literal',
                              values: ['HTTP1Only', 'HTTP2Only', 'HTTP2Optional', 'HTTP2Preferred', 'None'],
                            },
                          },
                        ],
                        [
                          'authenticate',
                          {
                            t: 'optional',
                            of: {
                              t: 'array',
                              of: {
                                t: 'object',
                                keys: [
                                  [
                                    'oidc',
                                    {
                                      t: 'optional',
                                      of: {
                                        t: 'object',
                                        keys: [
                                          ['issuer', { t: 'string', min: 1 }],
                                          ['authorizationEndpoint', { t: 'string', min: 1 }],
                                          ['tokenEndpoint', { t: 'string', min: 1 }],
                                          ['userInfoEndpoint', { t: 'string', min: 1 }],
                                          ['clientId', { t: 'string', min: 1 }],
                                          [
                                            'clientSecretEnv',
                                            { t: 'string', patterns: [/^[A-Za-z_][A-Za-z0-9_]{0,127}$/] },
                                          ],
                                          ['sessionCookieName', { t: 'optional', of: { t: 'string', min: 1 } }],
                                          ['scope', { t: 'optional', of: { t: 'string', min: 1 } }],
                                          [
                                            'sessionTimeout',
                                            { t: 'optional', of: { t: 'number', int: true, gte: 1, lte: 604800 } },
                                          ],
                                          ['extraParams', { t: 'optional', of: { t: 'record', of: { t: 'string' } } }],
                                          [
                                            'onUnauthenticated',
                                            {
                                              t: 'optional',
                                              of: { t: 'literal', values: ['deny', 'allow', 'authenticate'] },
                                            },
                                          ],
                                        ],
                                        strict: true,
                                      },
                                    },
                                  ],
                                  [
                                    'cognito',
                                    {
                                      t: 'optional',
                                      of: {
                                        t: 'object',
                                        keys: [
                                          ['userPoolArn', { t: 'string', min: 1 }],
                                          ['userPoolClientId', { t: 'string', min: 1 }],
                                          ['userPoolDomain', { t: 'string', min: 1 }],
                                          ['sessionCookieName', { t: 'optional', of: { t: 'string', min: 1 } }],
                                          ['scope', { t: 'optional', of: { t: 'string', min: 1 } }],
                                          [
                                            'sessionTimeout',
                                            { t: 'optional', of: { t: 'number', int: true, gte: 1, lte: 604800 } },
                                          ],
                                          ['extraParams', { t: 'optional', of: { t: 'record', of: { t: 'string' } } }],
                                          [
                                            'onUnauthenticated',
                                            {
                                              t: 'optional',
                                              of: { t: 'literal', values: ['deny', 'allow', 'authenticate'] },
                                            },
                                          ],
                                        ],
                                        strict: true,
                                      },
                                    },
                                  ],
                                  [
                                    'jwt',
                                    {
                                      t: 'optional',
                                      of: {
                                        t: 'object',
                                        keys: [
                                          ['issuer', { t: 'string', min: 1 }],
                                          ['jwksEndpoint', { t: 'string', min: 1 }],
                                          [
                                            'claims',
                                            {
                                              t: 'optional',
                                              of: {
                                                t: 'array',
                                                of: {
                                                  t: 'object',
                                                  keys: [
                                                    ['name', { t: 'string', min: 1 }],
                                                    [
                                                      'format',
                                                      {
                                                        t: 'literal',
                                                        values: [
                                                          'single-string',
                                                          'string-array',
                                                          'space-separated-values',
                                                        ],
                                                      },
                                                    ],
                                                    ['values', { t: 'array', of: { t: 'string' } }],
                                                  ],
                                                  strict: true,
                                                },
                                              },
                                            },
                                          ],
                                        ],
                                        strict: true,
                                      },
                                    },
                                  ],
                                  ['raw', { t: 'optional', of: { t: 'record', of: { t: 'unknown' } } }],
                                ],
                                strict: true,
                              },
                            },
                          },
                        ],
                        [
                          'mutualAuthentication',
                          {
                            t: 'optional',
                            of: {
                              t: 'object',
                              keys: [
                                ['mode', { t: 'literal', values: ['off', 'passthrough', 'verify'] }],
                                ['trustStore', { t: 'optional', of: { t: 'string', min: 1 } }],
                                ['advertiseCaNames', { t: 'optional', of: { t: 'boolean' } }],
                                ['ignoreClientCertificateExpiry', { t: 'optional', of: { t: 'boolean' } }],
                              ],
                              strict: true,
                            },
                          },
                        ],
                        [
                          'defaultAction',
                          {
                            t: 'object',
                            keys: [
                              [
                                'forward',
                                {
                                  t: 'optional',
                                  of: {
                                    t: 'union',
                                    of: [
                                      { t: 'string' },
                                      {
                                        t: 'array',
                                        of: {
                                          t: 'object',
                                          keys: [
                                            ['targetGroup', { t: 'string' }],
                                            [
                                              'weight',
                                              { t: 'optional', of: { t: 'number', int: true, gte: 0, lte: 999 } },
                                            ],
                                          ],
                                          strict: true,
                                        },
                                        min: 1,
                                      },
                                    ],
                                  },
                                },
                              ],
                              ['stickiness', { t: 'optional', of: { t: 'number', int: true, gte: 1, lte: 604800 } }],
                              [
                                'redirect',
                                {
                                  t: 'optional',
                                  of: {
                                    t: 'object',
                                    keys: [
                                      [
                                        'protocol',
                                        {
                                          t: 'optional',
                                          of: { t: 'literal', values: ['HTTP', 'HTTPS', '#{protocol}'] },
                                        },
                                      ],
                                      ['host', { t: 'optional', of: { t: 'string', min: 1 } }],
                                      [
                                        'port',
                                        {
                                          t: 'optional',
                                          of: {
                                            t: 'union',
                                            of: [
                                              { t: 'number', int: true, gte: 1, lte: 65535 },
                                              { t: 'string', min: 1 },
                                            ],
                                          },
                                        },
                                      ],
                                      ['path', { t: 'optional', of: { t: 'string', min: 1 } }],
                                      ['query', { t: 'optional', of: { t: 'string' } }],
                                      [
                                        'statusCode',
                                        {
                                          t: 'optional',
                                          of: {
                                            t: 'union',
                                            of: [
                                              { t: 'literal', values: [301] },
                                              { t: 'literal', values: [302] },
                                            ],
                                          },
                                        },
                                      ],
                                    ],
                                    strict: true,
                                  },
                                },
                              ],
                              [
                                'fixedResponse',
                                {
                                  t: 'optional',
                                  of: {
                                    t: 'object',
                                    keys: [
                                      ['statusCode', { t: 'union', of: [{ t: 'number' }, { t: 'string' }] }],
                                      [
                                        'contentType',
                                        {
                                          t: 'optional',
                                          of: {
                                            t: 'literal',
                                            values: [
                                              'text/plain',
                                              'text/css',
                                              'text/html',
                                              'application/javascript',
                                              'application/json',
                                            ],
                                          },
                                        },
                                      ],
                                      ['body', { t: 'optional', of: { t: 'string' } }],
                                    ],
                                    strict: true,
                                  },
                                },
                              ],
                              ['weights', { t: 'optional', of: { t: 'literal', values: ['external'] } }],
                            ],
                            strict: true,
                          },
                        ],
                        [
                          'attributes',
                          {
                            t: 'optional',
                            of: {
                              t: 'record',
                              of: {
                                t: 'union',
                                of: [
                                  { t: 'string' },
                                  { t: 'number' },
                                  { t: 'boolean' },
                                  {
                                    t: 'record',
                                    of: { t: 'union', of: [{ t: 'string' }, { t: 'number' }, { t: 'boolean' }] },
                                  },
                                ],
                              },
                            },
                          },
                        ],
                        [
                          'tags',
                          {
                            t: 'optional',
                            of: {
                              t: 'record',
                              of: { t: 'union', of: [{ t: 'string' }, { t: 'number' }, { t: 'boolean' }] },
                            },
                          },
                        ],
                        [
                          'rules',
                          {
                            t: 'optional',
                            of: {
                              t: 'array',
                              of: {
                                t: 'object',
                                keys: [
                                  ['name', { t: 'string', patterns: [/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/] }],
                                  ['priority', { t: 'optional', of: { t: 'number', int: true, gte: 1, lte: 50000 } }],
                                  [
                                    'conditions',
                                    {
                                      t: 'object',
                                      keys: [
                                        ['path', { t: 'optional', of: { t: 'array', of: { t: 'string' } } }],
                                        ['host', { t: 'optional', of: { t: 'array', of: { t: 'string' } } }],
                                        [
                                          'headers',
                                          {
                                            t: 'optional',
                                            of: { t: 'record', of: { t: 'array', of: { t: 'string' } } },
                                          },
                                        ],
                                        [
                                          'query',
                                          {
                                            t: 'optional',
                                            of: {
                                              t: 'array',
                                              of: {
                                                t: 'object',
                                                keys: [
                                                  ['key', { t: 'optional', of: { t: 'string' } }],
                                                  ['value', { t: 'string' }],
                                                ],
                                                strict: true,
                                              },
                                            },
                                          },
                                        ],
                                        ['methods', { t: 'optional', of: { t: 'array', of: { t: 'string' } } }],
                                        ['sourceIps', { t: 'optional', of: { t: 'array', of: { t: 'string' } } }],
                                        ['pathRegex', { t: 'optional', of: { t: 'array', of: { t: 'string' } } }],
                                        ['hostRegex', { t: 'optional', of: { t: 'array', of: { t: 'string' } } }],
                                        [
                                          'headersRegex',
                                          {
                                            t: 'optional',
                                            of: { t: 'record', of: { t: 'array', of: { t: 'string' } } },
                                          },
                                        ],
                                        [
                                          'raw',
                                          {
                                            t: 'optional',
                                            of: { t: 'array', of: { t: 'record', of: { t: 'unknown' } } },
                                          },
                                        ],
                                      ],
                                      strict: true,
                                    },
                                  ],
                                  [
                                    'authenticate',
                                    {
                                      t: 'optional',
                                      of: {
                                        t: 'array',
                                        of: {
                                          t: 'object',
                                          keys: [
                                            [
                                              'oidc',
                                              {
                                                t: 'optional',
                                                of: {
                                                  t: 'object',
                                                  keys: [
                                                    ['issuer', { t: 'string', min: 1 }],
                                                    ['authorizationEndpoint', { t: 'string', min: 1 }],
                                                    ['tokenEndpoint', { t: 'string', min: 1 }],
                                                    ['userInfoEndpoint', { t: 'string', min: 1 }],
                                                    ['clientId', { t: 'string', min: 1 }],
                                                    [
                                                      'clientSecretEnv',
                                                      { t: 'string', patterns: [/^[A-Za-z_][A-Za-z0-9_]{0,127}$/] },
                                                    ],
                                                    [
                                                      'sessionCookieName',
                                                      { t: 'optional', of: { t: 'string', min: 1 } },
                                                    ],
                                                    ['scope', { t: 'optional', of: { t: 'string', min: 1 } }],
                                                    [
                                                      'sessionTimeout',
                                                      {
                                                        t: 'optional',
                                                        of: { t: 'number', int: true, gte: 1, lte: 604800 },
                                                      },
                                                    ],
                                                    [
                                                      'extraParams',
                                                      { t: 'optional', of: { t: 'record', of: { t: 'string' } } },
                                                    ],
                                                    [
                                                      'onUnauthenticated',
                                                      {
                                                        t: 'optional',
                                                        of: { t: 'literal', values: ['deny', 'allow', 'authenticate'] },
                                                      },
                                                    ],
                                                  ],
                                                  strict: true,
                                                },
                                              },
                                            ],
                                            [
                                              'cognito',
                                              {
                                                t: 'optional',
                                                of: {
                                                  t: 'object',
                                                  keys: [
                                                    ['userPoolArn', { t: 'string', min: 1 }],
                                                    ['userPoolClientId', { t: 'string', min: 1 }],
                                                    ['userPoolDomain', { t: 'string', min: 1 }],
                                                    [
                                                      'sessionCookieName',
                                                      { t: 'optional', of: { t: 'string', min: 1 } },
                                                    ],
                                                    ['scope', { t: 'optional', of: { t: 'string', min: 1 } }],
                                                    [
                                                      'sessionTimeout',
                                                      {
                                                        t: 'optional',
                                                        of: { t: 'number', int: true, gte: 1, lte: 604800 },
                                                      },
                                                    ],
                                                    [
                                                      'extraParams',
                                                      { t: 'optional', of: { t: 'record', of: { t: 'string' } } },
                                                    ],
                                                    [
                                                      'onUnauthenticated',
                                                      {
                                                        t: 'optional',
                                                        of: { t: 'literal', values: ['deny', 'allow', 'authenticate'] },
                                                      },
                                                    ],
                                                  ],
                                                  strict: true,
                                                },
                                              },
                                            ],
                                            [
                                              'jwt',
                                              {
                                                t: 'optional',
                                                of: {
                                                  t: 'object',
                                                  keys: [
                                                    ['issuer', { t: 'string', min: 1 }],
                                                    ['jwksEndpoint', { t: 'string', min: 1 }],
                                                    [
                                                      'claims',
                                                      {
                                                        t: 'optional',
                                                        of: {
                                                          t: 'array',
                                                          of: {
                                                            t: 'object',
                                                            keys: [
                                                              ['name', { t: 'string', min: 1 }],
                                                              [
                                                                'format',
                                                                {
                                                                  t: 'literal',
                                                                  values: [
                                                                    'single-string',
                                                                    'string-array',
                                                                    'space-separated-values',
                                                                  ],
                                                                },
                                                              ],
                                                              ['values', { t: 'array', of: { t: 'string' } }],
                                                            ],
                                                            strict: true,
                                                          },
                                                        },
                                                      },
                                                    ],
                                                  ],
                                                  strict: true,
                                                },
                                              },
                                            ],
                                            ['raw', { t: 'optional', of: { t: 'record', of: { t: 'unknown' } } }],
                                          ],
                                          strict: true,
                                        },
                                      },
                                    },
                                  ],
                                  [
                                    'action',
                                    {
                                      t: 'object',
                                      keys: [
                                        [
                                          'forward',
                                          {
                                            t: 'optional',
                                            of: {
                                              t: 'union',
                                              of: [
                                                { t: 'string' },
                                                {
                                                  t: 'array',
                                                  of: {
                                                    t: 'object',
                                                    keys: [
                                                      ['targetGroup', { t: 'string' }],
                                                      [
                                                        'weight',
                                                        {
                                                          t: 'optional',
                                                          of: { t: 'number', int: true, gte: 0, lte: 999 },
                                                        },
                                                      ],
                                                    ],
                                                    strict: true,
                                                  },
                                                  min: 1,
                                                },
                                              ],
                                            },
                                          },
                                        ],
                                        [
                                          'stickiness',
                                          { t: 'optional', of: { t: 'number', int: true, gte: 1, lte: 604800 } },
                                        ],
                                        [
                                          'redirect',
                                          {
                                            t: 'optional',
                                            of: {
                                              t: 'object',
                                              keys: [
                                                [
                                                  'protocol',
                                                  {
                                                    t: 'optional',
                                                    of: { t: 'literal', values: ['HTTP', 'HTTPS', '#{protocol}'] },
                                                  },
                                                ],
                                                ['host', { t: 'optional', of: { t: 'string', min: 1 } }],
                                                [
                                                  'port',
                                                  {
                                                    t: 'optional',
                                                    of: {
                                                      t: 'union',
                                                      of: [
                                                        { t: 'number', int: true, gte: 1, lte: 65535 },
                                                        { t: 'string', min: 1 },
                                                      ],
                                                    },
                                                  },
                                                ],
                                                ['path', { t: 'optional', of: { t: 'string', min: 1 } }],
                                                ['query', { t: 'optional', of: { t: 'string' } }],
                                                [
                                                  'statusCode',
                                                  {
                                                    t: 'optional',
                                                    of: {
                                                      t: 'union',
                                                      of: [
                                                        { t: 'literal', values: [301] },
                                                        { t: 'literal', values: [302] },
                                                      ],
                                                    },
                                                  },
                                                ],
                                              ],
                                              strict: true,
                                            },
                                          },
                                        ],
                                        [
                                          'fixedResponse',
                                          {
                                            t: 'optional',
                                            of: {
                                              t: 'object',
                                              keys: [
                                                ['statusCode', { t: 'union', of: [{ t: 'number' }, { t: 'string' }] }],
                                                [
                                                  'contentType',
                                                  {
                                                    t: 'optional',
                                                    of: {
                                                      t: 'literal',
                                                      values: [
                                                        'text/plain',
                                                        'text/css',
                                                        'text/html',
                                                        'application/javascript',
                                                        'application/json',
                                                      ],
                                                    },
                                                  },
                                                ],
                                                ['body', { t: 'optional', of: { t: 'string' } }],
                                              ],
                                              strict: true,
                                            },
                                          },
                                        ],
                                        ['weights', { t: 'optional', of: { t: 'literal', values: ['external'] } }],
                                      ],
                                      strict: true,
                                    },
                                  ],
                                  [
                                    'transforms',
                                    {
                                      t: 'optional',
                                      of: {
                                        t: 'array',
                                        of: {
                                          t: 'object',
                                          keys: [
                                            [
                                              'hostHeaderRewrite',
                                              {
                                                t: 'optional',
                                                of: {
                                                  t: 'object',
                                                  keys: [
                                                    ['regex', { t: 'string', min: 1 }],
                                                    ['replace', { t: 'string' }],
                                                  ],
                                                  strict: true,
                                                },
                                              },
                                            ],
                                            [
                                              'urlRewrite',
                                              {
                                                t: 'optional',
                                                of: {
                                                  t: 'object',
                                                  keys: [
                                                    ['regex', { t: 'string', min: 1 }],
                                                    ['replace', { t: 'string' }],
                                                  ],
                                                  strict: true,
                                                },
                                              },
                                            ],
                                            ['raw', { t: 'optional', of: { t: 'record', of: { t: 'unknown' } } }],
                                          ],
                                          strict: true,
                                        },
                                      },
                                    },
                                  ],
                                  [
                                    'tags',
                                    {
                                      t: 'optional',
                                      of: {
                                        t: 'record',
                                        of: { t: 'union', of: [{ t: 'string' }, { t: 'number' }, { t: 'boolean' }] },
                                      },
                                    },
                                  ],
                                ],
                                strict: true,
                              },
                            },
                          },
                        ],
                      ],
                      strict: true,
                    },
                  },
                },
              ],
              [
                'alarms',
                {
                  t: 'optional',
                  of: {
                    t: 'object',
                    keys: [
                      ['preset', { t: 'optional', of: { t: 'literal', values: ['recommended'] } }],
                      [
                        'snsTopic',
                        {
                          t: 'optional',
                          of: {
                            t: 'string',
                            patterns: [/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/],
                          },
                        },
                      ],
                      [
                        'overrides',
                        {
                          t: 'optional',
                          of: {
                            t: 'record',
                            of: {
                              t: 'object',
                              keys: [
                                ['threshold', { t: 'optional', of: { t: 'number' } }],
                                [
                                  'evaluationPeriods',
                                  { t: 'optional', of: { t: 'number', int: true, gte: 1, lte: 1440 } },
                                ],
                                [
                                  'datapointsToAlarm',
                                  { t: 'optional', of: { t: 'number', int: true, gte: 1, lte: 1440 } },
                                ],
                                ['enabled', { t: 'optional', of: { t: 'boolean' } }],
                              ],
                              strict: true,
                            },
                          },
                        },
                      ],
                    ],
                    strict: true,
                  },
                },
              ],
            ],
            strict: true,
          },
        },
      },
    ],
    [
      'targetGroups',
      {
        t: 'optional',
        of: {
          t: 'array',
          of: {
            t: 'object',
            keys: [
              [
                'name',
                { t: 'string', patterns: [/^(?=[A-Za-z0-9-]{1,32}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/] },
              ],
              [
                'protocol',
                {
                  t: 'optional',
                  of: {
                    t: 'literal',
                    values: ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC', 'GENEVE'],
                  },
                },
              ],
              ['port', { t: 'optional', of: { t: 'number', int: true, gte: 1, lte: 65535 } }],
              ['vpc', { t: 'optional', of: { t: 'string', patterns: [/^vpc-[0-9a-f]{8,17}$/] } }],
              ['targetType', { t: 'optional', of: { t: 'literal', values: ['instance', 'ip', 'lambda', 'alb'] } }],
              ['protocolVersion', { t: 'optional', of: { t: 'literal', values: ['HTTP1', 'HTTP2', 'GRPC'] } }],
              ['ipAddressType', { t: 'optional', of: { t: 'literal', values: ['ipv4', 'ipv6'] } }],
              ['targetControlPort', { t: 'optional', of: { t: 'number', int: true, gte: 1, lte: 65535 } }],
              [
                'healthCheck',
                {
                  t: 'optional',
                  of: {
                    t: 'object',
                    keys: [
                      ['enabled', { t: 'optional', of: { t: 'boolean' } }],
                      ['protocol', { t: 'optional', of: { t: 'literal', values: ['HTTP', 'HTTPS', 'TCP'] } }],
                      [
                        'port',
                        {
                          t: 'optional',
                          of: {
                            t: 'union',
                            of: [
                              { t: 'number', int: true, gte: 1, lte: 65535 },
                              { t: 'literal', values: ['traffic-port'] },
                            ],
                          },
                        },
                      ],
                      ['path', { t: 'optional', of: { t: 'string' } }],
                      ['interval', { t: 'optional', of: { t: 'number', int: true, gte: 5, lte: 300 } }],
                      ['timeout', { t: 'optional', of: { t: 'number', int: true, gte: 2, lte: 120 } }],
                      ['healthyThreshold', { t: 'optional', of: { t: 'number', int: true, gte: 2, lte: 10 } }],
                      ['unhealthyThreshold', { t: 'optional', of: { t: 'number', int: true, gte: 2, lte: 10 } }],
                      [
                        'matcher',
                        { t: 'optional', of: { t: 'union', of: [{ t: 'string' }, { t: 'number', int: true }] } },
                      ],
                    ],
                    strict: true,
                  },
                },
              ],
              [
                'crossZone',
                { t: 'optional', of: { t: 'union', of: [{ t: 'boolean' }, { t: 'literal', values: ['inherit'] }] } },
              ],
              [
                'algorithm',
                {
                  t: 'optional',
                  of: { t: 'literal', values: ['round_robin', 'least_outstanding_requests', 'weighted_random'] },
                },
              ],
              [
                'stickiness',
                {
                  t: 'optional',
                  of: {
                    t: 'object',
                    keys: [
                      ['enabled', { t: 'optional', of: { t: 'boolean' } }],
                      [
                        'type',
                        { t: 'optional', of: { t: 'literal', values: ['lb_cookie', 'app_cookie', 'source_ip'] } },
                      ],
                      ['duration', { t: 'optional', of: { t: 'number', int: true, gte: 1, lte: 604800 } }],
                      ['cookieName', { t: 'optional', of: { t: 'string', min: 1 } }],
                    ],
                    strict: true,
                  },
                },
              ],
              ['deregistrationDelay', { t: 'optional', of: { t: 'number', int: true, gte: 0, lte: 3600 } }],
              [
                'attributes',
                {
                  t: 'optional',
                  of: {
                    t: 'record',
                    of: {
                      t: 'union',
                      of: [
                        { t: 'string' },
                        { t: 'number' },
                        { t: 'boolean' },
                        { t: 'record', of: { t: 'union', of: [{ t: 'string' }, { t: 'number' }, { t: 'boolean' }] } },
                      ],
                    },
                  },
                },
              ],
              [
                'tags',
                {
                  t: 'optional',
                  of: { t: 'record', of: { t: 'union', of: [{ t: 'string' }, { t: 'number' }, { t: 'boolean' }] } },
                },
              ],
              [
                'targets',
                {
                  t: 'optional',
                  of: {
                    t: 'array',
                    of: {
                      t: 'object',
                      keys: [
                        ['id', { t: 'string' }],
                        ['port', { t: 'optional', of: { t: 'number', int: true, gte: 1, lte: 65535 } }],
                        ['availabilityZone', { t: 'optional', of: { t: 'string' } }],
                      ],
                      strict: true,
                    },
                  },
                },
              ],
            ],
            strict: true,
          },
        },
      },
    ],
    [
      'trustStores',
      {
        t: 'optional',
        of: {
          t: 'array',
          of: {
            t: 'object',
            keys: [
              ['name', { t: 'string', patterns: [/^([a-zA-Z0-9]+-)*[a-zA-Z0-9]+$/] }],
              [
                'caCertificates',
                { t: 'optional', of: { t: 'string', patterns: [/^s3:\/\/[^/?]+\/[^?]+(\?versionId=[^&]+)?$/] } },
              ],
              [
                'revocations',
                {
                  t: 'optional',
                  of: { t: 'array', of: { t: 'string', patterns: [/^s3:\/\/[^/?]+\/[^?]+(\?versionId=[^&]+)?$/] } },
                },
              ],
              [
                'tags',
                {
                  t: 'optional',
                  of: { t: 'record', of: { t: 'union', of: [{ t: 'string' }, { t: 'number' }, { t: 'boolean' }] } },
                },
              ],
            ],
            strict: true,
          },
        },
      },
    ],
  ],
  strict: true,
};
