// The LCOO admin page: set the Jira objects up for a project, edit the configuration, and
// rebuild the portfolio index, and list the JQL search aliases.
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { createRoot } from 'react-dom/client';
import { enableTheme } from '../../shared/theme';
import { CalendarTab } from './calendar-tab';
import { ConfigTab } from './config-tab';
import { Stack } from '../../shared/layout';
import * as color from '../../shared/color';
import * as font from '../../shared/font';
import * as space from '../../shared/space';
import { SetupTab } from './setup-tab';
import { IndexTab } from './index-tab';
import { SearchTab } from './search-tab';

function App() {
  return (
    <main style={{ padding: space.xl, maxWidth: 1040, color: color.text, font: font.body }}>
      <Stack gap={space.l}>
        {/* Jira shows the page title (the manifest's) above the frame, so the app starts with what it is for. */}
        <p style={{ color: color.subtle, margin: 0 }}>
          Set up the issue types, statuses and gated workflows of the LCOO roadmap process, and decide who may approve what.
        </p>
        <Tabs id="lcoo-admin-tabs">
          <TabList>
            <Tab>Jira setup</Tab>
            <Tab>Configuration</Tab>
            <Tab>Release calendar</Tab>
            <Tab>Portfolio index</Tab>
            <Tab>Search (JQL)</Tab>
          </TabList>
          <TabPanel>
            <div style={{ paddingTop: space.l, width: '100%' }}>
              <SetupTab />
            </div>
          </TabPanel>
          <TabPanel>
            <div style={{ paddingTop: space.l, width: '100%' }}>
              <ConfigTab />
            </div>
          </TabPanel>
          <TabPanel>
            <div style={{ paddingTop: space.l, width: '100%' }}>
              <CalendarTab />
            </div>
          </TabPanel>
          <TabPanel>
            <div style={{ paddingTop: space.l, width: '100%' }}>
              <IndexTab />
            </div>
          </TabPanel>
          <TabPanel>
            <div style={{ paddingTop: space.l, width: '100%' }}>
              <SearchTab />
            </div>
          </TabPanel>
        </Tabs>
      </Stack>
    </main>
  );
}

enableTheme();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
