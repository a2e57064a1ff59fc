import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';

/** A chat with one of the agents; tool calls and their results appear as the run produces them. */
export class QwcLariatChat extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        .bar { display: flex; gap: 0.5em; padding: 0.5em 1em; align-items: center; }
        #message { flex: 1; padding: 0.4em; }
        .log { padding: 0 1em; }
        .entry { margin: 0.3em 0; padding: 0.3em 0.6em; border-radius: 6px; }
        .user { background: var(--lumo-primary-color-10pct); }
        .tool-call { background: var(--lumo-contrast-5pct); font-family: monospace; }
        .tool-result { background: var(--lumo-success-color-10pct); font-family: monospace; white-space: pre-wrap; }
        .tool-result.failed { background: var(--lumo-error-color-10pct); }
        .answer { background: var(--lumo-contrast-10pct); white-space: pre-wrap; }
        .error { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _agents: { state: true }, _agent: { state: true }, _entries: { state: true }, _running: { state: true }
    };

    constructor() {
        super();
        this._entries = [];
        this._running = false;
        this._session = 'dev-ui-' + Date.now();
    }

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getAgents().then(response => {
            this._agents = response.result.map(a => a.name);
            this._agent = this._agents.find(name => name !== 'default') || this._agents[0];
        });
    }

    render() {
        if (!this._agents) {
            return html`<span>Loading agents…</span>`;
        }
        return html`
            <div class="bar">
                <select id="agent" @change=${e => { this._agent = e.target.value; this._newSession(); }}>
                    ${this._agents.map(name => html`<option value="${name}" ?selected=${name === this._agent}>${name}</option>`)}
                </select>
                <input id="message" placeholder="Ask the agent…" @keydown=${e => { if (e.key === 'Enter') this._send(); }}>
                <button id="send" ?disabled=${this._running} @click=${() => this._send()}>Send</button>
                <button id="reset" @click=${() => this._newSession()}>New session</button>
            </div>
            <div class="log">${this._entries.map(entry => this._renderEntry(entry))}</div>`;
    }

    _renderEntry(entry) {
        switch (entry.kind) {
            case 'user': return html`<div class="entry user">${entry.text}</div>`;
            case 'tool_call': return html`<div class="entry tool-call">→ ${entry.name}(${JSON.stringify(entry.arguments)})</div>`;
            case 'tool_result': return html`<div class="entry tool-result ${entry.error ? 'failed' : ''}">← ${entry.name}: ${entry.content}</div>`;
            case 'answer': return html`<div class="entry answer ${entry.final ? 'final' : ''}">${entry.text}</div>`;
            default: return html`<div class="entry error">${entry.text}</div>`;
        }
    }

    _newSession() {
        this._session = 'dev-ui-' + Date.now();
        this._entries = [];
    }

    _send() {
        const input = this.renderRoot.querySelector('#message');
        const message = input.value.trim();
        if (!message || this._running) {
            return;
        }
        input.value = '';
        this._running = true;
        this._entries = [...this._entries, { kind: 'user', text: message }];
        this.jsonRpc.chat({ agent: this._agent, sessionId: this._session, message: message })
            .onNext(response => this._frame(response.result))
            .onError(error => {
                this._entries = [...this._entries, { kind: 'error', text: error.message || String(error) }];
                this._running = false;
            });
    }

    /** One SSE frame of the agent API: "event: NAME\ndata: JSON". */
    _frame(frame) {
        const name = /^event: (.*)$/m.exec(frame)[1];
        const data = JSON.parse(/^data: (.*)$/m.exec(frame)[1]);
        switch (name) {
            case 'token': this._appendAnswer(data.text); break;
            case 'tool_call':
                this._entries = [...this._entries, { kind: 'tool_call', name: data.name, arguments: data.arguments }];
                break;
            case 'tool_result':
                this._entries = [...this._entries,
                    { kind: 'tool_result', name: data.name, content: data.content, error: data.error }];
                break;
            case 'final': this._finishAnswer(data.content); break;
            case 'error':
                this._entries = [...this._entries, { kind: 'error', text: data.kind + ': ' + data.message }];
                this._running = false;
                break;
            case 'stats': this._running = false; break;
        }
    }

    _appendAnswer(text) {
        const last = this._entries[this._entries.length - 1];
        if (last && last.kind === 'answer' && !last.final) {
            this._entries = [...this._entries.slice(0, -1), { ...last, text: last.text + text }];
        } else {
            this._entries = [...this._entries, { kind: 'answer', text: text, final: false }];
        }
    }

    _finishAnswer(content) {
        const last = this._entries[this._entries.length - 1];
        const rest = last && last.kind === 'answer' && !last.final ? this._entries.slice(0, -1) : this._entries;
        this._entries = [...rest, { kind: 'answer', text: content, final: true }];
    }
}
customElements.define('qwc-lariat-chat', QwcLariatChat);
