// Loaded with `node --require`: makes every way out to the network throw, and records each attempt
// (one JSON line per attempt) in $PROMPTLINT_NET_LOG, so a test can prove none was made.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const dgram = require('node:dgram');
const tls = require('node:tls');

const log = process.env.PROMPTLINT_NET_LOG;

function blocked(what) {
  return function () {
    if (log) fs.appendFileSync(log, `${JSON.stringify({ what, pid: process.pid })}\n`);
    throw new Error(`network access blocked by the test preload: ${what}`);
  };
}

net.Socket.prototype.connect = blocked('net.Socket.connect');
net.connect = blocked('net.connect');
net.createConnection = blocked('net.createConnection');
tls.connect = blocked('tls.connect');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'resolveSrv', 'reverse']) {
  dns[name] = blocked(`dns.${name}`);
  if (dns.promises && typeof dns.promises[name] === 'function') dns.promises[name] = blocked(`dns.promises.${name}`);
}
http.request = blocked('http.request');
http.get = blocked('http.get');
https.request = blocked('https.request');
https.get = blocked('https.get');
dgram.createSocket = blocked('dgram.createSocket');
globalThis.fetch = blocked('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = blocked('WebSocket');
if (log) fs.appendFileSync(log, `${JSON.stringify({ what: 'preload-active', pid: process.pid })}\n`);
