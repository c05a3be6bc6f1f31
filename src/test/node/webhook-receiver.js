// A webhook receiver as a team would write one: each POST is verified with Standard Webhooks' reference library
// (npm standardwebhooks, 5 minutes of tolerance) and answered 204 when it passes, 400 when not; GET lists every
// request with its verdict ("accepted" or the library's reason) and its arrival time.
// Usage: WEBHOOK_SECRET=whsec_... node webhook-receiver.js PORT; prints "receiver ready" once it listens on loopback.
"use strict";
const http = require("http");
const { Webhook } = require("standardwebhooks");

const webhook = new Webhook(process.env.WEBHOOK_SECRET);
const received = [];

http.createServer((req, res) => {
  if (req.method === "GET") {
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(received));
    return;
  }
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const request = { id: req.headers["webhook-id"], timestamp: req.headers["webhook-timestamp"], at: Date.now(), body };
    try {
      webhook.verify(body, req.headers);
      request.verdict = "accepted";
    } catch (e) {
      request.verdict = e.message;
    }
    received.push(request);
    res.statusCode = request.verdict === "accepted" ? 204 : 400;
    res.end();
  });
}).listen(Number(process.argv[2]), "127.0.0.1", () => console.log("receiver ready"));
