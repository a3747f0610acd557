<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" styleCategories="Symbology|Labeling|Temporal" labelsEnabled="1">
  <renderer-v2 type="categorizedSymbol" attr="verdict" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
      <category render="true" value="consistent" symbol="0" label="consistent"/>
      <category render="true" value="overstated" symbol="1" label="overstated"/>
      <category render="true" value="understated" symbol="2" label="understated"/>
      <category render="true" value="inconsistent" symbol="3" label="inconsistent"/>
      <category render="true" value="unverifiable" symbol="4" label="unverifiable"/>
    </categories>
    <symbols>
      <symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="26,152,80,40"/><Option name="style" type="QString" value="solid"/><Option name="outline_color" type="QString" value="26,152,80,255"/><Option name="outline_width" type="QString" value="0.6"/></Option></layer></symbol>
      <symbol type="fill" name="1" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="215,48,39,40"/><Option name="style" type="QString" value="solid"/><Option name="outline_color" type="QString" value="215,48,39,255"/><Option name="outline_width" type="QString" value="0.6"/></Option></layer></symbol>
      <symbol type="fill" name="2" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="215,48,39,40"/><Option name="style" type="QString" value="solid"/><Option name="outline_color" type="QString" value="215,48,39,255"/><Option name="outline_width" type="QString" value="0.6"/></Option></layer></symbol>
      <symbol type="fill" name="3" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="215,48,39,40"/><Option name="style" type="QString" value="solid"/><Option name="outline_color" type="QString" value="215,48,39,255"/><Option name="outline_width" type="QString" value="0.6"/></Option></layer></symbol>
      <symbol type="fill" name="4" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="150,150,150,40"/><Option name="style" type="QString" value="solid"/><Option name="outline_color" type="QString" value="150,150,150,255"/><Option name="outline_width" type="QString" value="0.6"/></Option></layer></symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="&quot;title&quot;" isExpression="1" fontSize="7" textColor="20,20,20,255" fontFamily="DejaVu Sans" namedStyle="Regular"/>
      <text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.9"/>
      <placement placement="0" dist="1.5" priority="0"/>
      <rendering displayAll="0" obstacle="1" obstacleFactor="1" upsidedownLabels="0"/>
    </settings>
  </labeling>
  <layerGeometryType>2</layerGeometryType>
</qgis>
