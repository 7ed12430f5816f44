// What tapping an action does, as in the LINE app: message → text event, postback → postback
// event (its displayText shown as the user's message), datetimepicker → a picker then a
// postback with params, uri → a new tab.
const $ = (id) => document.getElementById(id);

function pickDateTime(action, send) {
  const mode = ['date', 'time', 'datetime'].includes(action.mode) ? action.mode : 'datetime';
  const input = $('picker-input');
  input.type = mode === 'datetime' ? 'datetime-local' : mode;
  for (const k of ['min', 'max']) input[k] = action[k] ?? '';
  input.value = action.initial ?? '';
  $('picker-label').textContent =
    action.label || { date: 'เลือกวันที่', time: 'เลือกเวลา', datetime: 'เลือกวันและเวลา' }[mode];
  const dialog = $('picker');
  dialog.onclose = () => {
    if (dialog.returnValue === 'ok' && input.value)
      send({ type: 'postback', data: action.data, params: { [mode]: input.value } });
  };
  dialog.returnValue = '';
  dialog.showModal();
}

/** `perform(action)` for the page; `send` posts one user action to the demo API. */
export function createPerformer({ send, toast, toggleMenu, location, pickImage }) {
  return (action) => {
    switch (action.type) {
      case 'message':
        return send({ type: 'text', text: action.text });
      case 'postback': {
        if (action.inputOption === 'openKeyboard') $('text').focus();
        if (action.inputOption === 'openKeyboard' && action.fillInText) $('text').value = action.fillInText;
        if (action.inputOption === 'openRichMenu' || action.inputOption === 'closeRichMenu')
          toggleMenu(action.inputOption === 'openRichMenu');
        const displayText = action.displayText ?? action.text;
        return send({ type: 'postback', data: action.data, ...(displayText ? { displayText } : {}) });
      }
      case 'datetimepicker':
        return pickDateTime(action, send);
      case 'uri':
        if (/^(https?:|tel:|mailto:)/i.test(action.uri ?? ''))
          return void window.open(action.uri, '_blank', 'noopener');
        return toast(`เปิดลิงก์นี้ได้ในแอป LINE เท่านั้น: ${action.uri}`);
      case 'camera':
      case 'cameraRoll':
        return pickImage();
      case 'location':
        return send(location);
      case 'richmenuswitch':
        return send({
          type: 'postback',
          data: action.data,
          params: { newRichMenuAliasId: action.richMenuAliasId, status: 'SUCCESS' },
        });
      case 'clipboard':
        navigator.clipboard?.writeText(action.clipboardText ?? '').catch(() => {});
        return toast('คัดลอกแล้ว');
      default:
        return toast(`การกระทำ ${action.type} ยังไม่รองรับในหน้าสาธิต`);
    }
  };
}
