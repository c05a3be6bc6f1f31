// A main site as the original service's stack builds one (Express with Socket.IO), for the tests in front of it: pages on
// every path, /health, server-sent events (/events), uploads (POST /upload), its own WebSockets at /cable and /ws, and a
// webhook receiver (POST /hooks, listed by GET /hooks). Socket.IO owns the server's upgrades, as in a real deployment:
// it drops, after a second and unanswered, any upgrade offer that is not its own. Every request that names its visitor
// (X-Visitor) is an arrival, kept with its time and listed by GET /arrivals.
// Usage: node site.js PORT [HOST]; prints "site ready" once it listens.
"use strict";
const http = require("http");
const express = require("express");
const { Server } = require("socket.io");
const { WebSocketServer } = require("ws");

const [port, host = "127.0.0.1"] = process.argv.slice(2);
const app = express();
const hooks = [];
const arrivals = [];

app.use((req, res, next) => {
  res.set("X-Main-Site", "1");
  if (req.get("X-Visitor")) arrivals.push({ visitor: req.get("X-Visitor"), at: Date.now() });
  next();
});
app.get("/arrivals", (req, res) => res.json(arrivals));
// A site under load answers slowly: POST /slow?ms=N delays /health by N ms (0: at once again).
let healthDelay = 0;
app.post("/slow", (req, res) => { healthDelay = Number(req.query.ms) || 0; res.send("ok"); });
app.get("/health", (req, res) => setTimeout(() => res.type("text/plain").send("ok"), healthDelay));
app.get("/events", (req, res) => {
  res.set({ "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  res.flushHeaders();
  let n = 0;
  const send = () => res.write(`data: tick ${n++}\n\n`);
  send();
  const timer = setInterval(send, 200);
  req.on("close", () => clearInterval(timer));
});
app.post("/upload", (req, res) => {
  let bytes = 0;
  req.on("data", (chunk) => { bytes += chunk.length; });
  req.on("end", () => res.json({ bytes }));
});
app.post("/hooks", express.text({ type: "*/*" }), (req, res) => {
  hooks.push({ id: req.get("webhook-id"), signature: req.get("webhook-signature"), body: req.body });
  res.sendStatus(204);
});
app.get("/hooks", (req, res) => res.json(hooks));
app.all("/{*rest}", (req, res) => res.type("html").send("<!DOCTYPE html><title>Main site</title><h1>Welcome back</h1>"));

const server = http.createServer(app);
new Server(server); // attaches its own upgrade listener, like every Socket.IO site
const sockets = new WebSocketServer({ noServer: true });
sockets.on("connection", (socket, req) => {
  socket.send("welcome to " + req.url);
  socket.on("message", (data) => socket.send("echo: " + data));
});
server.on("upgrade", (req, socket, head) => {
  if (req.url === "/cable" || req.url === "/ws") {
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit("connection", ws, req));
  }
});
server.listen(Number(port), host, () => console.log("site ready"));
