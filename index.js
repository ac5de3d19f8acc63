// n8n finds the nodes and credentials through the "n8n" block of package.json; nothing to export here.
module.exports = {};
