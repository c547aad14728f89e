// window.APP as jitsi-meet's root app.js creates it (facts §1.1): { API, conference, translation, UI }.
// API, UI and translation are the SDK's own modules (it ships jitsi-meet's modules/ directory);
// only conference.js is not shipped, so APP.conference is our stand-in (legacy-conference.js).
// APP.store is added later by the SDK's BaseApp, APP.connection by its connection middleware.
// As in app.js, these imports evaluate before window.APP is assigned.
import API from '@jitsi/react-native-sdk/modules/API';
import UI from '@jitsi/react-native-sdk/modules/UI/UI';
import translation from '@jitsi/react-native-sdk/modules/translation/translation';

import legacyConference from './legacy-conference.js';

window.APP = { API, conference: legacyConference, translation, UI };
