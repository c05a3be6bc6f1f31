// Verifies webhooks with the Standard Webhooks reference library (npm standardwebhooks), as a receiver would.
// Usage: node verify-webhook.cjs <node_modules> <file with {"secret", "headers", "body"}, or an array of them>.
// Exit 0: every one valid; 1: not, with the library's reason for each refused one (its place in the array).
const { Webhook } = require(process.argv[2] + "/standardwebhooks");
const inputs = [].concat(JSON.parse(require("fs").readFileSync(process.argv[3], "utf8")));
let refused = 0;
inputs.forEach((input, place) => {
  try {
    new Webhook(input.secret).verify(input.body, input.headers);
  } catch (e) {
    console.error(place + ": " + e.message);
    refused++;
  }
});
process.exit(refused ? 1 : 0);
