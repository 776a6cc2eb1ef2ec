import 'aws-sdk-client-mock-jest';

// The SDK warns on Node 20 that it prefers Node 22; tests don't need the noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// In-process runs against moto resolve credentials through the SDK's default chain (env first).
// Fixed, fake values: tests never touch a real account.
process.env.AWS_ACCESS_KEY_ID = 'testing';
process.env.AWS_SECRET_ACCESS_KEY = 'testing';
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;
