// window.config for the test page (our own values; key names per jitsi-meet's config.js / facts §1.1).
// Served inline in index.html as Debian's nginx SSI does, and also as /config.js.
var config = {
    hosts: {
        domain: 'meet.standin.test',
        muc: 'conference.meet.standin.test'
    },
    bosh: '/http-bind',
    websocket: 'wss://meet.standin.test/xmpp-websocket',
    prejoinConfig: { enabled: true },
    startWithAudioMuted: true,
    startWithVideoMuted: true,
    disableInitialGUM: true,
    disableDeepLinking: true,
    disableThirdPartyRequests: true,
    analytics: { disabled: true },
    p2p: { enabled: false },
    enableWelcomePage: true,
    enableClosePage: false,
    notifications: [],
    whiteboard: { enabled: false },
    giphy: { enabled: false },
    breakoutRooms: { hideAddRoomButton: false },
    localRecording: { disable: false },
    defaultLanguage: 'en'
};
