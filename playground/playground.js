/* The playground page: Web Chat against the bot's own Direct Line endpoint (polling, no WebSocket). */
(function () {
  'use strict';

  var PROACTIVE_FLAG = 'playground:proactive';
  var userID = 'playground-user-' + Math.random().toString(36).slice(2, 10);
  var username = 'You';

  function showError(message) {
    var banner = document.getElementById('banner');
    banner.className = 'banner error';
    banner.textContent = message;
  }

  function cardTitle(activity) {
    var attachment = (activity.attachments || [])[0];
    var content = attachment && attachment.content;
    if (content && content.fallbackText) return content.fallbackText;
    if (content && Array.isArray(content.body)) {
      for (var i = 0; i < content.body.length; i++) {
        if (content.body[i].type === 'TextBlock') return content.body[i].text;
      }
    }
    return activity.text || 'A message from the bot';
  }

  /** Lists the bot's proactive messages (scheduled notifications) as they arrive. */
  function noteNotification(activity) {
    var list = document.getElementById('notifications');
    var existing = list.querySelector('[data-activity-id="' + CSS.escape(activity.id) + '"]');
    var item = existing || document.createElement('li');
    item.setAttribute('data-activity-id', activity.id);
    item.textContent = cardTitle(activity);
    var time = document.createElement('time');
    // The cards' clock: UTC, with its zone ("19:42 UTC"), not the browser's.
    time.textContent = new Date(activity.timestamp || Date.now()).toISOString().slice(11, 16) + ' UTC';
    item.prepend(time);
    if (!existing) list.prepend(item);
    document.getElementById('no-notifications').hidden = true;
  }

  var store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
          var activity = action.payload.activity;
          if (activity.channelData && activity.channelData[PROACTIVE_FLAG]) noteNotification(activity);
        }
        return next(action);
      };
    };
  });

  function start() {
    fetch('/playground/info.json')
      .then(function (res) { return res.json(); })
      .then(function (info) {
        if (info.azure === 'azure') {
          document.getElementById('banner-azure').textContent =
            'Azure is a REAL subscription (the bot is configured for Azure Resource Manager): actions change real resources.';
        }
      })
      .catch(function () { /* the banner keeps its default wording */ });

    return fetch('/v3/directline/tokens/generate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { id: userID, name: username } })
    })
      .then(function (res) {
        if (!res.ok) throw new Error('The Direct Line endpoint answered HTTP ' + res.status);
        return res.json();
      })
      .then(function (conversation) {
        var directLine = window.WebChat.createDirectLine({
          domain: window.location.origin + '/v3/directline',
          token: conversation.token,
          webSocket: false,
          pollingInterval: 500
        });
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            store: store,
            userID: userID,
            username: username,
            locale: 'en-US',
            // Cards take the chat column's width (Web Chat's default bubble is 480 px, which
            // squeezes fact labels and VM names until they break mid-word); Teams does the same.
            styleOptions: {
              botAvatarInitials: 'VB',
              userAvatarInitials: 'You',
              hideUploadButton: true,
              bubbleMaxWidth: Math.max(480, document.getElementById('webchat').clientWidth - 120),
              richCardWrapTitle: true
            }
          },
          document.getElementById('webchat')
        );
        document.querySelector('#webchat').setAttribute('data-conversation-id', conversation.conversationId);
      });
  }

  start().catch(function (err) {
    showError('The playground could not start: ' + err.message + '. Is the bot running with the playground on?');
  });
})();
