// The LCOO roadmap page (jira:globalPage): the quarter's draft and ranking, the published
// versions, their comparison and export, the release calendar; one tab each (tabs.tsx).
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import Spinner from '@atlaskit/spinner';
import { Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { enableTheme } from '../../shared/theme';
import * as color from '../../shared/color';
import * as font from '../../shared/font';
import * as space from '../../shared/space';
import { ROADMAP_TABS } from './tabs';
import { PRINT_CSS } from './print-css';

function App() {
  return (
    <main style={{ padding: space.xl, color: color.text, font: font.body }}>
      <style>{PRINT_CSS}</style>
      <p className="no-print" style={{ color: color.subtle, margin: `0 0 ${space.l}` }}>
        The LCOO roadmap the Roadmap Committee publishes each quarter: rank the items, publish a version, compare versions and export them.
      </p>
      <Tabs id="lcoo-roadmap-tabs">
        <TabList>
          {ROADMAP_TABS.map((t) => (
            <Tab key={t.id} testId={`tab-${t.id}`}>
              {t.label}
            </Tab>
          ))}
        </TabList>
        {ROADMAP_TABS.map(({ id, Panel }) => (
          <TabPanel key={id}>
            <div style={{ paddingTop: space.l, width: '100%' }} data-testid={`panel-${id}`}>
              <Suspense fallback={<Spinner label="Loading" />}>
                <Panel />
              </Suspense>
            </div>
          </TabPanel>
        ))}
      </Tabs>
    </main>
  );
}

enableTheme();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
