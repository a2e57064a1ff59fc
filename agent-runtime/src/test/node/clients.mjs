// Drives the official `openai` and `ollama` npm clients against a running Lariat server, one scenario per run:
//   node clients.mjs SCENARIO BASE_URL [ARGUMENT]
// and prints what the clients returned as one JSON object on stdout, for OfficialClientsTest to assert.
import OpenAI from 'openai';
import { Ollama } from 'ollama';

const [scenario, base, argument] = process.argv.slice(2);
const openai = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'unused', maxRetries: 0 });
const ollama = new Ollama({ host: base });
const user = (content) => [{ role: 'user', content }];
const weather = {
  type: 'function',
  function: {
    name: 'get_weather', description: 'Weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

// finite (an enum, a bounded integer, a boolean; the grammar bounds whitespace), so a random model's run ends
const forecast = {
  type: 'object',
  properties: {
    unit: { enum: ['celsius', 'fahrenheit'] }, days: { type: 'integer', minimum: 1, maximum: 14 },
    ok: { type: 'boolean' },
  },
  required: ['unit', 'days', 'ok'], additionalProperties: false,
};

/** What a client error carries: the HTTP status and the dialect's fields. */
async function failure(call) {
  try {
    await call();
    return { failed: false };
  } catch (e) {
    return e instanceof OpenAI.APIError
      ? { status: e.status, message: e.error?.message, type: e.error?.type, param: e.error?.param, code: e.code }
      : { status: e.status_code, message: e.error ?? e.message, name: e.name };
  }
}

const norm = (v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
// the same tokens with log-probabilities equal within float rounding (a cached prefix changes summation order)
const sameTokens = (a, b) => a.length === b.length && a.every((t, i) => t.token === b[i].token
  && Math.abs(t.logprob - b[i].logprob) < 1e-4);

const scenarios = {
  async 'openai-chat'() {
    const reply = await openai.chat.completions.create({ model: 'replay:test', messages: user('Hi') });
    let streamed = '';
    let finish = null;
    const stream = await openai.chat.completions.create({
      model: 'replay:test', messages: user('Hi'), stream: true, stream_options: { include_usage: true },
    });
    let usage = null;
    for await (const chunk of stream) {
      streamed += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    return {
      content: reply.choices[0].message.content, finish: reply.choices[0].finish_reason, object: reply.object,
      streamed, streamFinish: finish, streamCompletionTokens: usage?.completion_tokens,
    };
  },
  async 'openai-responses'() {
    const reply = await openai.responses.create({ model: 'replay:test', input: 'Hi', instructions: 'Be brief.' });
    let streamed = '';
    const types = [];
    const stream = await openai.responses.create({ model: 'replay:test', input: 'Hi', stream: true });
    let completed = null;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') streamed += event.delta;
      if (event.type === 'response.completed') completed = event.response;
    }
    const tool = { type: 'function', ...weather.function };
    const called = await openai.responses.create({ model: 'replay:test', input: 'Weather in Paris?', tools: [tool] });
    const call = called.output.find((item) => item.type === 'function_call');
    const answered = await openai.responses.create({
      model: 'replay:test', previous_response_id: called.id, tools: [tool],
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'sunny' }],
    });
    const retrieved = await openai.responses.retrieve(answered.id);
    const items = [];
    for await (const item of openai.responses.inputItems.list(answered.id)) {
      items.push(item.type);
    }
    await openai.responses.delete(reply.id);
    const gone = await failure(() => openai.responses.retrieve(reply.id));
    return {
      text: reply.output_text, status: reply.status, object: reply.object, streamed, types,
      completedText: completed?.output_text ?? completed?.output?.[0]?.content?.[0]?.text, callName: call.name,
      callArguments: call.arguments, answer: answered.output_text, previous: answered.previous_response_id,
      retrievedText: retrieved.output_text, items, gone,
    };
  },
  async 'openai-tools'() {
    const reply = await openai.chat.completions.create({
      model: 'replay:test', messages: user('Weather in Paris?'), tools: [weather],
    });
    const call = reply.choices[0].message.tool_calls[0];
    const stream = await openai.chat.completions.create({
      model: 'replay:test', messages: user('Weather in Paris?'), tools: [weather], stream: true,
    });
    const deltas = [];
    for await (const chunk of stream) {
      deltas.push(...(chunk.choices[0]?.delta?.tool_calls ?? []));
    }
    return {
      finish: reply.choices[0].finish_reason, name: call.function.name, arguments: call.function.arguments,
      type: call.type, streamedName: deltas[0]?.function?.name, streamedArguments: deltas[0]?.function?.arguments,
    };
  },
  async 'openai-models'() {
    const ids = [];
    for await (const model of openai.models.list()) {
      ids.push(model.id);
    }
    const one = await openai.models.retrieve('replay:test');
    const absent = await failure(() => openai.models.retrieve('ghost'));
    return { ids, retrieved: one.id, owner: one.owned_by, absent };
  },
  async 'openai-embeddings'() {
    const reply = await openai.embeddings.create({ model: argument, input: ['the same text', 'the same text'] });
    const [a, b] = reply.data.map((d) => d.embedding);
    return {
      count: reply.data.length, dimensions: a.length, norm: Number(norm(a).toFixed(4)),
      // within float rounding: once the JIT compiles a kernel, the Vector API may sum its lanes in another order
      equal: a.every((x, i) => Math.abs(x - b[i]) <= 1e-5), promptTokens: reply.usage.prompt_tokens,
    };
  },
  async 'openai-errors'() {
    return {
      n: await failure(() => openai.chat.completions.create({ model: 'replay:test', messages: user('Hi'), n: 2 })),
      model: await failure(() => openai.chat.completions.create({ model: 'ghost', messages: user('Hi') })),
      echo: await failure(() => openai.completions.create({ model: 'replay:test', prompt: 'Hi', echo: true })),
    };
  },
  async 'openai-logprobs'() {
    const ask = { model: argument, messages: user('Hi'), max_tokens: 5, temperature: 0, logprobs: true, top_logprobs: 2 };
    const reply = await openai.chat.completions.create(ask);
    const content = reply.choices[0].logprobs.content;
    const streamed = [];
    for await (const chunk of await openai.chat.completions.create({ ...ask, stream: true })) {
      streamed.push(...(chunk.choices[0]?.logprobs?.content ?? []));
    }
    const legacy = await openai.completions.create({ model: argument, prompt: 'Hi', max_tokens: 3, temperature: 0,
      logprobs: 2 });
    return {
      count: content.length, top: content[0].top_logprobs.length, greedy: content.every((t) => t.token ===
        t.top_logprobs[0].token && t.logprob === t.top_logprobs[0].logprob && t.logprob <= 0),
      bytes: content.every((t) => Array.isArray(t.bytes) && t.bytes.length > 0),
      sameStreamed: sameTokens(streamed, content),
      legacyTokens: legacy.choices[0].logprobs.tokens.length,
      legacyColumns: legacy.choices[0].logprobs.token_logprobs.length + legacy.choices[0].logprobs.top_logprobs.length
        + legacy.choices[0].logprobs.text_offset.length,
    };
  },
  async 'ollama-logprobs'() {
    const options = { num_predict: 5, temperature: 0 };
    const reply = await ollama.chat({ model: argument, messages: user('Hi'), options, logprobs: true,
      top_logprobs: 2 });
    const streamed = [];
    for await (const part of await ollama.chat({ model: argument, messages: user('Hi'), options, logprobs: true,
      top_logprobs: 2, stream: true })) {
      streamed.push(...(part.logprobs ?? []));
    }
    const generated = await ollama.generate({ model: argument, prompt: 'Hi', options, logprobs: true });
    return {
      count: reply.logprobs.length, top: reply.logprobs[0].top_logprobs.length,
      sameStreamed: sameTokens(streamed, reply.logprobs),
      generated: generated.logprobs.length,
    };
  },
  // the client's own parsing: parse() JSON.parses a json_schema answer and a strict tool's arguments; stream()
  // parses only formats built with its zod helpers, so the answer it assembled from the chunks is parsed here
  async 'openai-structured'() {
    const format = { type: 'json_schema', json_schema: { name: 'forecast', strict: true, schema: forecast } };
    const ask = { model: argument, messages: user('Weather?'), max_tokens: 400 };
    const reply = await openai.chat.completions.parse({ ...ask, seed: 7, response_format: format });
    const stream = openai.chat.completions.stream({ ...ask, seed: 8, response_format: format });
    const streamed = await stream.finalChatCompletion();
    const tool = { type: 'function', function: { name: 'forecast', strict: true, parameters: forecast } };
    const called = await openai.chat.completions.parse({ ...ask, seed: 3, tools: [tool], tool_choice: 'required' });
    const call = called.choices[0].message.tool_calls[0];
    return {
      finish: reply.choices[0].finish_reason, parsed: reply.choices[0].message.parsed,
      streamFinish: streamed.choices[0].finish_reason, streamParsed: JSON.parse(streamed.choices[0].message.content),
      toolFinish: called.choices[0].finish_reason, toolName: call.function.name,
      toolArguments: call.function.parsed_arguments,
    };
  },
  async 'ollama-structured'() {
    const chat = await ollama.chat({
      model: argument, messages: user('Weather?'), format: forecast, options: { num_predict: 400, seed: 1 },
    });
    const generated = await ollama.generate({
      model: argument, prompt: 'Weather?', format: forecast, options: { num_predict: 400, temperature: 0 },
    });
    let streamed = '';
    let last = null;
    for await (const part of await ollama.chat({
      model: argument, messages: user('Weather?'), format: forecast, stream: true,
      options: { num_predict: 400, seed: 2 },
    })) {
      streamed += part.message.content;
      last = part;
    }
    return {
      chatReason: chat.done_reason, chat: JSON.parse(chat.message.content),
      generateReason: generated.done_reason, generated: JSON.parse(generated.response),
      streamReason: last.done_reason, streamed: JSON.parse(streamed),
    };
  },
  async 'ollama-chat'() {
    const reply = await ollama.chat({ model: 'replay:test', messages: user('Hi') });
    let streamed = '';
    let last = null;
    for await (const part of await ollama.chat({ model: 'replay:test', messages: user('Hi'), stream: true })) {
      streamed += part.message.content;
      last = part;
    }
    const generated = await ollama.generate({ model: 'replay:test', prompt: 'Hi' });
    return {
      content: reply.message.content, done: reply.done, doneReason: reply.done_reason, streamed,
      streamDone: last.done, evalCount: last.eval_count, generated: generated.response,
    };
  },
  async 'ollama-tools'() {
    const reply = await ollama.chat({ model: 'replay:test', messages: user('Weather in Paris?'), tools: [weather] });
    const call = reply.message.tool_calls[0];
    return { name: call.function.name, arguments: call.function.arguments, index: call.function.index };
  },
  async 'ollama-models'() {
    const list = await ollama.list();
    const show = await ollama.show({ model: 'replay:test' });
    const ps = await ollama.ps();
    const version = await ollama.version();
    return {
      names: list.models.map((m) => m.name), family: show.details.family, capabilities: show.capabilities,
      quantization: show.details.quantization_level, running: ps.models.map((m) => m.name),
      version: version.version,
    };
  },
  async 'ollama-copy-delete'() {
    await ollama.copy({ source: 'theirs:7b', destination: 'mine:1' });
    const copied = (await ollama.list()).models.map((m) => m.name);
    await ollama.delete({ model: 'mine:1' });
    const left = (await ollama.list()).models.map((m) => m.name);
    const again = await failure(() => ollama.delete({ model: 'mine:1' }));
    return { copied, left, again };
  },
  async 'ollama-embed'() {
    const reply = await ollama.embed({ model: argument, input: ['one text', 'another text'] });
    const legacy = await ollama.embeddings({ model: argument, prompt: 'one text' });
    return {
      count: reply.embeddings.length, dimensions: reply.embeddings[0].length,
      norm: Number(norm(reply.embeddings[0]).toFixed(4)), legacyDimensions: legacy.embedding.length,
    };
  },
  async 'ollama-pull-create'() {
    const pulled = [];
    for await (const part of await ollama.pull({ model: `${argument}/library/demo`, insecure: true, stream: true })) {
      pulled.push(part);
    }
    const created = await ollama.create({ model: 'made', from: `${argument}/library/demo`, system: 'Be brief.' });
    const names = (await ollama.list()).models.map((m) => m.name);
    return { first: pulled[0].status, last: pulled.at(-1).status, bytes: Math.max(...pulled.map((p) => p.total ?? 0)),
      created: created.status, names };
  },
  async 'ollama-errors'() {
    return {
      quantize: await failure(() => ollama.create({ model: 'x', from: 'theirs:7b', quantize: 'q4_K_M' })),
      model: await failure(() => ollama.chat({ model: 'ghost', messages: user('Hi') })),
      registry: await failure(() => ollama.pull({ model: 'evil.example/library/demo' })),
      push: await failure(() => ollama.push({ model: 'theirs:7b' })),
    };
  },
};

const run = scenarios[scenario];
if (!run) {
  console.error(`unknown scenario ${scenario}`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(await run()) + '\n');
