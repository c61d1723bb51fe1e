// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The reference text of the emulator (printed by `openrouter-emulator --help`).
#include <emulator/emulator.hpp>

namespace openrouter::emulator {

std::string help_text()
{
    return R"(openrouter-emulator: a local OpenRouter API emulator (HTTP/1.1, optional TLS).

USAGE
  openrouter-emulator [--host H] [--port P] [--tls-cert F --tls-key F] [--api-key K]...
                      [--provisioning-key K]... [--threads N] [--no-record] [--port-file F]
                      [--max-seconds S]

  --host H              address to bind (default 127.0.0.1)
  --port P              port to bind; 0 (default) picks a free port
  --tls-cert F          PEM certificate chain; with --tls-key the server speaks HTTPS only
  --tls-key F           PEM private key
  --api-key K           accepted API key (repeatable). Without any, every non-empty bearer key is
                        accepted except keys containing "invalid"
  --provisioning-key K  management key (repeatable): valid only on /keys endpoints, /key, /auth/key and
                        /activity
  --threads N           threads serving connections (default 1)
  --no-record           do not keep copies of the requests (/_emulator/requests stays empty; for long
                        load runs: each copy takes about 1 KiB)
  --port-file F         write the bound port number to F once listening
  --max-seconds S       exit after S seconds (default: run until SIGINT/SIGTERM)
  --help                print this text and exit

Once ready it prints one line: "listening on http://127.0.0.1:PORT/api/v1" (https://localhost:PORT/api/v1
with TLS).

ENDPOINTS (base path /api/v1; header "Authorization: Bearer <key>" required)
  POST /chat/completions   chat.completion, or an SSE stream of chat.completion.chunk with "stream": true
  POST /completions        legacy text_completion (choices[].text), streaming too
  GET  /models             {"data":[...],"total_count","links":{"next"}}: the models below. Query filters
                           (400 when invalid): offset, limit (1..1000; paging only when one is given,
                           links.next names the next page), q (substring of id/name), supported_parameters,
                           input_modalities, output_modalities (default text; "all"), context, model_authors,
                           providers ("FakeProvider" or "fake-provider"), arch ("Other"), min/max_price (1 $/M prompt),
                           min/max_output_price (2 $/M), min/max_age_days; category, distillable=true and any
                           benchmark or tool-success bound match nothing; sort, zdr, region are validated;
                           use_rss=true answers application/rss+xml
  GET  /models/count       {"data":{"count"}} (output_modalities filter)
  GET  /models/user        the same list, offset/limit paging
  GET  /model/A/S          {"data":Model}; a ":variant" suffix on S is ignored; 404 for unknown models
  GET  /models/A/S/endpoints  {"data":{id,name,created,description,architecture,endpoints:[one endpoint]}}
  GET  /providers          {"data":[{"name":"FakeProvider","slug":"fake-provider",...}]}
  GET  /endpoints/zdr      {"data":[the endpoint of every model]}
  GET  /key, /auth/key     {"data":{label, usage, limit, is_free_tier, limit_remaining, ...}}; usage is
                           the summed cost of the generations made with that key
  GET  /generation?id=ID   statistics of a generation made by this server; 400 without id, 404 unknown
  GET  /generation/content?id=ID  {"data":{"input":{"messages"|"prompt"},"output":{"completion","reasoning"},
                           "error":null}}
  POST /generation/feedback  {"generation_id","category","comment"?} -> {"data":{"success":true}}; 400 on a
                           bad category, 404 for unknown generations
  GET  /credits            {"data":{"total_credits":100,"total_usage":<usage of this key>}}
  POST /credits/coinbase   always 410 Gone (deprecated by OpenRouter)
  GET  /activity           management key only (else 403): per-model rows of this server's generations,
                           all dated 2025-01-01; date (YYYY-MM-DD, else 400), api_key_hash (a /keys hash, else
                           404: rows of the generations made with that key), group_by=workspace, workspace_id
  /keys (provisioning key only, else 401): GET /keys (offset paging, 100 per page; include_disabled;
                           workspace_id), POST /keys {name, limit?, limit_reset?, include_byok_in_limit?,
                           expires_at?, creator_user_id?, workspace_id?} -> 201 {"data":key,"key":secret},
                           GET/PATCH/DELETE /keys/HASH (404 for unknown hashes; PATCH: name, disabled, limit,
                           limit_reset, include_byok_in_limit). The store is in memory; /_emulator/reset clears it
  POST /auth/keys/code     {"data":{"id":"emu_code_<method>_<challenge>","app_id":1,"created_at"}}; needs
                           callback_url (https or localhost); code_challenge_method S256 or plain
  POST /auth/keys          (no key needed) exchanges a code: the code_verifier must match the code's
                           challenge (S256: base64url(SHA-256(verifier))), else 400; unknown code 403;
                           {"key":"sk-or-emu-oauth-<first 12 of challenge>","user_id":"user_emulator"}
  POST /embeddings         models emulator/embed-small|medium|large (8|16|32 dims); input: string, strings,
                           token array(s) or multimodal objects; one unit vector per item, derived from a
                           hash of the item's JSON (same input, same vector); "dimensions" keeps the first
                           N components (renormalized); "encoding_format":"base64" sends little-endian
                           float32 bytes in base64; usage prompt_tokens = words (or tokens), cost 1e-7/token
  GET  /embeddings/models  those three models, paged with offset/limit (limit 1..1000; both absent: all),
                           {"data","total_count","links":{"next"}}
  POST /responses          the Responses API: input (string or items: messages, function_call,
                           function_call_output), instructions, tools (function), tool_choice,
                           max_output_tokens, reasoning are answered by the models below; output items
                           reasoning / message (output_text) / function_call; status "incomplete" when
                           max_output_tokens cut the text. "stream": true sends named events
                           (event: response.created, response.in_progress, response.output_item.added,
                           response.content_part.added, response.output_text.delta (one per word),
                           response.output_text.done, ..., response.reasoning_summary_text.delta,
                           response.function_call_arguments.delta (8-byte pieces), response.completed or
                           response.incomplete) with sequence_number, then "data: [DONE]". Fault scripts
                           apply as for chat streams; error_after_deltas sends an in-band
                           "event: error" {"type":"error","code":"server_error"|error_code,"message"}.
  Missing or empty key: 401 "No auth credentials found"; rejected key: 401 "User not found.".
  Errors are always {"error":{"code":<status>,"message":"...","metadata":{...}?}} (application/json).
  Replies carry the header X-Generation-Id (the "gen-emu-<n>" id). Connections are kept alive
  (HTTP/1.1) unless the client sends "Connection: close".

CONTROL ENDPOINTS (no key, not recorded)
  GET  /_emulator/stats     {"connections_accepted","connections_open","connections_closed_by_client",
                            "requests","generations"}
  GET  /_emulator/requests  [{"method","target","headers":[[name,value],...],"body","connection_id"}]
  POST /_emulator/reset     clears recorded requests, counters, sequences and generations

MODELS (deterministic)
  emulator/echo       content = text of the last user message (a string, or its text parts
                      concatenated). With max_completion_tokens/max_tokens smaller than its word count,
                      the first N words and finish_reason "length"; otherwise "stop".
  emulator/lorem      content = N words of the cycle "lorem ipsum dolor sit amet consectetur adipiscing
                      elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua", single
                      spaces; N = max_completion_tokens, else max_tokens (at most 16384, the models'
                      max_completion_tokens), else 16. finish_reason is
                      "length" when N came from a limit, "stop" otherwise. Choice i starts at word i.
  emulator/tools      with tools (and tool_choice not "none"): one tool call per choice to the tool named by
                      tool_choice {"type":"function","function":{"name":...}}, else the first tool; id
                      "call_emu_<n>_<i>" (n: generation number, i: choice index); arguments: a JSON object
                      with one member per property of the tool's parameters schema: the first enum value,
                      else string "emu", integer 1, number 1.5, boolean true, array [], object (recursively),
                      null; content "", finish_reason "tool_calls". If the last message has role "tool",
                      answers with that message's text (finish "stop"). Without tools: like echo.
  emulator/reasoning  reasoning "Thinking about a reply to <W> words: I will repeat them." (W: words of
                      the last user message), then content like echo. message.reasoning and
                      reasoning_details [{"type":"reasoning.text","text","format":"unknown","index":0}];
                      omitted (reasoning: null) with "reasoning":{"exclude":true} or "include_reasoning":
                      false, though still counted.
  Any other model: 400 "<model> is not a valid model ID". "model" may be replaced by "models":[...] (the
  first entry is used). "n" (1..16) yields that many choices.

TOKENS AND COST
  A token is a word: a maximal run of non-whitespace characters. prompt_tokens = words of every message's
  text; completion_tokens = words of content + reasoning + each tool call's name and arguments;
  reasoning_tokens = words of reasoning; summed over choices. cost = (prompt_tokens + 2 *
  completion_tokens) / 1e6 USD (prices 0.000001 / 0.000002 per token, as GET /models says).
  Every reply: id "gen-emu-<n>" (n counts generations from 1, reset by reset()), provider "FakeProvider" (a
  member of the OpenAPI document's ProviderName enum), created 1735689600, system_fingerprint "fp_emulator", usage {prompt_tokens, completion_tokens,
  total_tokens, cost, is_byok:false, prompt_tokens_details{cached_tokens:0}, cost_details,
  completion_tokens_details{reasoning_tokens}}.

STREAMING ("stream": true)
  text/event-stream, chunked. ": OPENROUTER PROCESSING" comment first; then per choice: reasoning deltas
  (delta.reasoning + delta.reasoning_details, content ""), one content delta per word (a word with the
  whitespace before it; concatenating restores the content exactly; texts of more than 65536 words
  put several consecutive words in each delta so that no choice has more), tool-call fragments (the first with
  index, id, type, function.name and arguments "", then index + function.arguments pieces of 8 bytes);
  "role":"assistant" in the first delta of each choice; a final chunk with delta {"content":""} and
  finish_reason/native_finish_reason; then a usage chunk with "choices":[] (always sent); then
  "data: [DONE]". Accumulating the stream yields exactly the non-streaming reply.

FAULT SCRIPTS
  A JSON object in the request body field "emulator" and/or the header X-Emulator (JSON text; its fields
  override the body's). Unknown fields or wrong types: 400. Fields (all optional):
  "key": "k"               status sequence key: the n-th request carrying it gets statuses[n] (the last
                           repeats); without "key", the statuses list itself is the key
  "statuses": [429,200]    status sequence (200 means the normal reply)
  "status": 503            fixed status for this request (wins over "statuses")
  "error_message": "..."   error body message; "error_code": int or string (default: the status);
  "metadata": {...}        merged into error.metadata (also into the in-band stream error)
  "retry_after": "2"       Retry-After header (seconds or HTTP date) on error statuses
  "retry_after_ms": 1500   retry-after-ms header on error statuses
  "delay_ms": 200          wait before sending the response head
  "stall_ms": 200          pause: after the head and the first comment (streams), after "stall_after_events"
                           SSE events, or after half of a non-stream body
  "stall_after_events": 3  (streams) where the stall happens; every "data:" event counts
  "close_after_bytes": 100 write only the first N bytes of the response (head included), then close
  "body": "raw"            replace the body with this text (status: the scripted one, else 200)
  "malformed": "not_json" | "wrong_shape" | "truncated"
                           not_json / wrong_shape: canned invalid / unexpected JSON body (streams: the
                           first data event); truncated: Content-Length announces the full body but half
                           is sent, then close (streams: half the events, no [DONE], no last chunk, close)
  "content_type": "..."    override Content-Type
  "body_bytes": 5000000    pad a JSON object body (member "emulator_padding") to about this size
  "chunked": true          chunked transfer coding for a non-stream body
  "close": true            send "Connection: close" and close after the response
  streams only:
  "error_after_deltas": 3  after 3 deltas (content, reasoning or tool-call fragments) send an in-band error
                           chunk with HTTP 200: {"id",...,"error":{"code":502,"message":"Provider returned
                           error","metadata":{"error_type":"server","provider_code":"emulator_stream_error"}},
                           "choices":[{"index":0,"delta":{"content":""},"finish_reason":"error",
                           "native_finish_reason":"error"}]}; the stream then ends (no usage, no [DONE]).
                           With fewer deltas the error replaces the usage chunk.
  "comments_ms": 500       before the first delta, one ": OPENROUTER PROCESSING" comment every 100 ms
  "malformed_event_after": 2  after 2 deltas send "data: {not json" (before the usage chunk if there are
                           fewer deltas); the stream then goes on
  "write_size": 1          write the body in pieces of this many bytes (1 = one byte per write)
  "no_done": true          end the stream without "data: [DONE]"
  Status-only scripts send the documented body of the status: 400 401 402 403 (metadata reasons,
  flagged_input, provider_name, model_slug) 404 408 413 422 429 500 502 (metadata provider_name, raw) 503
  504 524 529 (metadata provider_name, raw). Auth is checked first: a rejected key gets 401 whatever the
  script says.
)";
}

}  // namespace openrouter::emulator
