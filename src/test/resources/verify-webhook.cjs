// Verifies one webhook with the Standard Webhooks reference library (npm standardwebhooks), as a receiver would.
// Usage: node verify-webhook.cjs <node_modules> <file with {"secret", "headers", "body"}>. Exit 0: valid; 1: not.
const { Webhook } = require(process.argv[2] + "/standardwebhooks");
const input = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
try {
  new Webhook(input.secret).verify(input.body, input.headers);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
